#include "schema/sample.hpp"

#include <stdexcept>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace flowhook::schema {

struct SampleMaker::Impl {
    SampleOptions options;

    template <typename Writer>
    void write(Writer& writer, const ActionMatch& action) {
        writer.StartObject();
        writer.Key("action");
        writer.String(action.spelling.data(), static_cast<rapidjson::SizeType>(action.spelling.size()));
        for (const FieldSpec& field : action.spec->example_for(action.spelling)) {
            writer.Key(field.name.data(), static_cast<rapidjson::SizeType>(field.name.size()));
            if (field.kind == FieldKind::date) {
                writer.String(field.example_text.data(),
                              static_cast<rapidjson::SizeType>(field.example_text.size()));
                continue;
            }
            writer.StartObject();
            writer.Key("Id");
            writer.Int64(field.example_id);
            writer.Key("Uid");
            writer.String(field.example_text.data(),
                          static_cast<rapidjson::SizeType>(field.example_text.size()));
            writer.EndObject();
        }
        writer.EndObject();
    }
};

SampleMaker::SampleMaker(SampleOptions options) : m_impl(std::make_unique<Impl>()) {
    if (options.random || !options.sets.empty())
        throw std::invalid_argument("random values and --set are not implemented yet");
    m_impl->options = std::move(options);
}

SampleMaker::~SampleMaker() = default;
SampleMaker::SampleMaker(SampleMaker&&) noexcept = default;
SampleMaker& SampleMaker::operator=(SampleMaker&&) noexcept = default;

std::string SampleMaker::make(const ActionMatch& action) {
    rapidjson::StringBuffer buffer;
    if (m_impl->options.pretty) {
        rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
        writer.SetIndent(' ', 2);
        m_impl->write(writer, action);
    } else {
        rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
        m_impl->write(writer, action);
    }
    return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace flowhook::schema
