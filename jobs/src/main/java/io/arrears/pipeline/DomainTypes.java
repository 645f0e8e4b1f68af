package io.arrears.pipeline;

import java.time.LocalDate;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.TypeExtractor;

/**
 * Type information of the domain's records. Flink's type extraction treats java.time.LocalDate inside a record
 * as a generic (Kryo) type although it ships a serializer for it; this registers {@link LocalDateTypeInfoFactory}
 * once per JVM, on the client and on every task manager, without annotating the domain model with Flink types.
 * (Registering it through pipeline.serialization-config fails once a JVM builds a second environment.)
 */
public final class DomainTypes {

    private DomainTypes() {
    }

    public static synchronized void register() {
        if (TypeExtractor.getTypeInfoFactory(LocalDate.class) == null) {
            TypeExtractor.registerFactory(LocalDate.class, LocalDateTypeInfoFactory.class);
        }
    }

    /** Use instead of TypeInformation.of for any type that contains domain records. */
    public static <T> TypeInformation<T> of(Class<T> type) {
        register();
        return TypeInformation.of(type);
    }
}
