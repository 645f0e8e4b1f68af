package io.arrears.pipeline;

import java.lang.reflect.Type;
import java.time.LocalDate;
import java.util.Map;

import org.apache.flink.api.common.typeinfo.LocalTimeTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Selects Flink's own LocalDate serializer; see {@link DomainTypes}.
 */
public final class LocalDateTypeInfoFactory extends TypeInfoFactory<LocalDate> {

    @Override
    public TypeInformation<LocalDate> createTypeInfo(Type type, Map<String, TypeInformation<?>> genericParameters) {
        return LocalTimeTypeInfo.LOCAL_DATE;
    }
}
