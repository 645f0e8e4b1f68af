package io.arrears.notify;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.mail.Authenticator;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Email through SMTP (Angus Mail), on a thread of its own: the protocol blocks. The Message-ID is derived from
 * the idempotency key, so a mail client shows a message sent twice once.
 */
public final class EmailSender implements MessageSender {

    private final SmtpSettings smtp;
    private final Session session;
    private final ExecutorService executor;

    public EmailSender(SmtpSettings smtp) {
        this.smtp = smtp;
        this.session = Session.getInstance(properties(smtp), smtp.username() == null ? null : new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(smtp.username(), smtp.password());
            }
        });
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "arrears-smtp");
            thread.setDaemon(true);
            return thread;
        });
    }

    private static Properties properties(SmtpSettings smtp) {
        Properties properties = new Properties();
        String protocol = smtp.security() == SmtpSettings.Security.SSL ? "smtps" : "smtp";
        properties.put("mail.transport.protocol", protocol);
        // Transport.send picks the transport by address type, smtp for email addresses, unless told otherwise.
        properties.put("mail.transport.protocol.rfc822", protocol);
        properties.put("mail." + protocol + ".host", smtp.host());
        properties.put("mail." + protocol + ".port", Integer.toString(smtp.port()));
        properties.put("mail." + protocol + ".auth", Boolean.toString(smtp.username() != null));
        String millis = Long.toString(smtp.timeout().toMillis());
        properties.put("mail." + protocol + ".connectiontimeout", millis);
        properties.put("mail." + protocol + ".timeout", millis);
        properties.put("mail." + protocol + ".writetimeout", millis);
        if (smtp.security() == SmtpSettings.Security.STARTTLS) {
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", "true");
        }
        if (smtp.security() != SmtpSettings.Security.NONE) {
            properties.put("mail." + protocol + ".ssl.checkserveridentity", "true");
            if (smtp.trustStore() != null) {
                properties.put("mail." + protocol + ".ssl.socketFactory",
                        smtp.trustStore().sslContext("SMTP").getSocketFactory());
            }
        }
        return properties;
    }

    @Override
    public CompletableFuture<DeliveryOutcome> send(Message message) {
        return CompletableFuture.supplyAsync(() -> sendNow(message), executor);
    }

    private DeliveryOutcome sendNow(Message message) {
        try {
            MimeMessage mail = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", messageId(message));
                }
            };
            mail.setFrom(new InternetAddress(smtp.from()));
            mail.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(message.channel().address()));
            mail.setSubject(message.subject(), StandardCharsets.UTF_8.name());
            mail.setText(message.text(), StandardCharsets.UTF_8.name());
            mail.setHeader("X-Arrears-Idempotency-Key", message.idempotencyKey());
            Transport.send(mail);
            return DeliveryOutcome.delivered(message);
        } catch (AddressException e) {
            return DeliveryOutcome.failed(message, false, "bad address " + message.channel().address() + ": "
                    + e.getMessage());
        } catch (SendFailedException e) {
            boolean refused = e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0;
            return DeliveryOutcome.failed(message, !refused, "the mail server refused the message to "
                    + message.channel().address() + ": " + WebhookSender.rootMessage(e));
        } catch (MessagingException | RuntimeException e) {
            return DeliveryOutcome.failed(message, true, "mail to " + message.channel().address() + " via "
                    + smtp.host() + ":" + smtp.port() + " failed: " + WebhookSender.rootMessage(e));
        }
    }

    static String messageId(Message message) {
        return "<" + Sha256.hex(message.idempotencyKey(), 16) + "@arrears>";
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
