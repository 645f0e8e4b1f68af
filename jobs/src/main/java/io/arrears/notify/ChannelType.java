package io.arrears.notify;

/** Where a notification goes. */
public enum ChannelType {
    /** A mailbox, through the configured SMTP server. */
    EMAIL,
    /** A Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat): {"text": ...}. */
    SLACK,
    /** Any HTTP endpoint that takes Arrears' own JSON body. */
    WEBHOOK
}
