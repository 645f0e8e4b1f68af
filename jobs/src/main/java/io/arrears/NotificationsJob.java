package io.arrears;

import java.util.List;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import io.arrears.config.ArrearsConfig;
import io.arrears.config.ArrearsOptions;
import io.arrears.ingest.DeadLetter;
import io.arrears.io.kafka.AlertDeserializer;
import io.arrears.io.kafka.DeadLetterSerializer;
import io.arrears.io.kafka.KafkaInputs;
import io.arrears.io.kafka.KafkaOutputs;
import io.arrears.io.kafka.RouteUpdateDeserializer;
import io.arrears.notify.NotificationSettings;
import io.arrears.notify.pipeline.AlertRecord;
import io.arrears.notify.pipeline.NotificationsTopology;
import io.arrears.notify.pipeline.RouteUpdate;
import io.arrears.pipeline.JobEnvironment;
import io.arrears.pipeline.NamedSink;

/**
 * The notifications job, separate from the collections job so that a slow mail server never holds it back:
 * {@code flink run -c io.arrears.NotificationsJob arrears-jobs-VERSION-job.jar --config FILE}. Options:
 * docs/configuration.md (notify.*), behaviour: docs/notifications.md.
 */
public final class NotificationsJob {

    private NotificationsJob() {
    }

    public static void main(String[] args) throws Exception {
        ArrearsConfig config = ArrearsConfig.fromArgs(args);
        StreamExecutionEnvironment env = JobEnvironment.forCluster();
        build(env, config);
        env.execute("arrears-notifications");
    }

    public static DataStream<DeadLetter> build(StreamExecutionEnvironment env, ArrearsConfig config) {
        io.arrears.io.kafka.KafkaOutputs.checkTransactionTimeout(config, env);
        NotificationSettings settings = NotificationSettings.from(config);
        String alertsTopic = config.get(ArrearsOptions.TOPIC_ALERTS);
        String routesTopic = config.get(ArrearsOptions.TOPIC_NOTIFICATION_ROUTES);
        String group = config.get(ArrearsOptions.NOTIFY_GROUP_ID);
        DataStream<AlertRecord> alerts = env.fromSource(KafkaInputs.reader(config, alertsTopic, group,
                        KafkaInputs.startingOffsets(config), new AlertDeserializer(config.registry())),
                WatermarkStrategy.noWatermarks(), "source-alerts").uid("source-alerts");
        // Every route record from the start, whatever the group has committed: the broadcast state is rebuilt
        // from the compacted topic when the job starts without a checkpoint.
        DataStream<RouteUpdate> routes = env.fromSource(KafkaInputs.reader(config, routesTopic, group,
                        OffsetsInitializer.earliest(), new RouteUpdateDeserializer()),
                WatermarkStrategy.noWatermarks(), "source-notification-routes").uid("source-notification-routes");
        return NotificationsTopology.build(alerts, routes, settings, alertsTopic, routesTopic,
                List.of(new NamedSink<>("notifications-deadletter", KafkaOutputs.sink(config,
                        "notifications-deadletter", new DeadLetterSerializer(
                                config.get(ArrearsOptions.TOPIC_NOTIFICATIONS_DEADLETTER), config.registry())))));
    }
}
