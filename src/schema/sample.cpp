#include "schema/sample.hpp"

#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <array>
#include <optional>
#include <stdexcept>
#include <utility>

#include "schema/random.hpp"
#include "schema/sample_values.hpp"

namespace flowhook::schema {
namespace {

constexpr std::size_t k_references = std::size(k_reference_names);

std::size_t reference_index(std::string_view name) {
    for (std::size_t i = 0; i < k_references; ++i)
        if (k_reference_names[i] == name) return i;
    throw std::logic_error("the catalogue names an unknown reference");
}

template <typename Writer>
void write_text(Writer& writer, std::string_view text) {
    writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

// The typed --set values for one reference.
struct ReferenceOverride {
    std::optional<std::int64_t> id;
    std::optional<std::string> uid;
};

// Sets into fields the catalogue does not know: a JSON object per place they go
// (the top level, or inside a reference), in the order they were given.
class Extras {
public:
    Extras() {
        m_top.SetObject();
        m_references.SetObject();
    }

    void add(const Override& o) {
        rapidjson::Value* object = &m_top;
        auto& allocator = m_top.GetAllocator();
        if (!o.reference.empty()) object = &child(m_references, o.reference, o.source);
        for (std::size_t i = 0; i + 1 < o.path.size(); ++i)
            object = &child(*object, o.path[i], o.source);
        rapidjson::Document value(&allocator);
        value.Parse(o.text.c_str());
        rapidjson::Value copy(value, allocator);
        const std::string& last = o.path.back();
        // HasMember and [] rather than FindMember: C++20 finds comparing RapidJSON's mutable
        // member iterators ambiguous (clang's -Wambiguous-reversed-operator).
        if (object->HasMember(last.c_str()))
            (*object)[last.c_str()] = copy;
        else
            object->AddMember(rapidjson::Value(last.c_str(), allocator), copy, allocator);
    }

    const rapidjson::Value& top() const { return m_top; }
    // Extras inside `reference`, or nullptr.
    const rapidjson::Value* in(std::string_view reference) const {
        auto m = m_references.FindMember(
            rapidjson::Value(rapidjson::StringRef(reference.data(), reference.size())));
        return m == m_references.MemberEnd() ? nullptr : &m->value;
    }

private:
    rapidjson::Value& child(rapidjson::Value& object, const std::string& name,
                            const std::string& source) {
        auto& allocator = m_top.GetAllocator();
        if (!object.HasMember(name.c_str())) {
            object.AddMember(rapidjson::Value(name.c_str(), allocator),
                             rapidjson::Value(rapidjson::kObjectType), allocator);
            return object[name.c_str()];
        }
        rapidjson::Value& value = object[name.c_str()];
        if (!value.IsObject())
            throw std::invalid_argument(source + ": " + name +
                                        " was set to a value that is not an object");
        return value;
    }

    rapidjson::Document m_top;  // its allocator holds every extra value
    rapidjson::Value m_references;
};

}  // namespace

struct SampleMaker::Impl {
    SampleOptions options;
    // Kept from payload to payload: a million payloads then cost no allocation.
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> compact{buffer};
    rapidjson::PrettyWriter<rapidjson::StringBuffer> pretty{buffer};
    Random random{0};
    std::vector<Override> overrides;
    std::array<ReferenceOverride, k_references> reference_overrides;
    std::optional<std::string> date_override;
    // A spelling applies to its own action; the last one set for an action wins. One entry
    // per action, so a payload costs the same whatever the number of --set action=.
    std::vector<std::pair<const ActionSpec*, std::string>> action_overrides;
    std::optional<std::string> unknown_action;  // allow_unknown: applies to every payload
    Extras extras;

    // Values of the payload being made, and (while sharing) those kept for linked events.
    bool sharing = false;
    std::array<ReferenceValue, k_references> values;
    std::array<bool, k_references> kept{};
    DateValue date;
    bool date_kept = false;
    std::string_view brand;
    bool brand_kept = false;

    void add_override(Override o) {
        switch (o.target) {
            case Target::action:
                if (auto match = find_action(o.text))
                    override_spelling(*match->spec, o.text);
                else
                    unknown_action = o.text;
                break;
            case Target::id:
                reference_overrides[reference_index(o.reference)].id = o.id;
                break;
            case Target::uid:
                reference_overrides[reference_index(o.reference)].uid = o.text;
                break;
            case Target::date:
                date_override = o.text;
                break;
            case Target::extra:
                extras.add(o);
                break;
        }
        overrides.push_back(std::move(o));
    }

    void override_spelling(const ActionSpec& spec, const std::string& spelling) {
        for (auto& [overridden, text] : action_overrides)
            if (overridden == &spec) {
                text = spelling;
                return;
            }
        action_overrides.emplace_back(&spec, spelling);
    }

    std::string_view spelling_of(const ActionMatch& action) const {
        for (const auto& [overridden, spelling] : action_overrides)
            if (overridden == action.spec) return spelling;
        if (unknown_action) return *unknown_action;
        return action.spelling;
    }

    // The reference's value in this payload: kept, drawn, or the documented example.
    const ReferenceValue& reference_value(const FieldSpec& field) {
        std::size_t i = reference_index(field.name);
        ReferenceValue& value = values[i];
        if (!(sharing && kept[i])) {
            if (options.random) {
                value.id = random_id(random);
                random_uid(random, field.name, brand, value);
            } else {
                value.id = field.example_id;
                value.set_uid(field.example_text);
            }
            kept[i] = sharing;
        }
        return value;
    }

    std::string_view date_value(const FieldSpec& field) {
        if (!(sharing && date_kept)) {
            if (options.random)
                date = random_date(random);
            else
                field.example_text.copy(date.text, sizeof date.text);
            date_kept = sharing;
        }
        return date.view();
    }

    template <typename Writer>
    void write_reference(Writer& writer, const FieldSpec& field) {
        const ReferenceValue& value = reference_value(field);
        const ReferenceOverride& o = reference_overrides[reference_index(field.name)];
        writer.StartObject();
        writer.Key("Id");
        writer.Int64(o.id ? *o.id : value.id);
        writer.Key("Uid");
        write_text(writer, o.uid ? std::string_view(*o.uid) : value.uid_text());
        if (const rapidjson::Value* more = extras.in(field.name)) write_members(writer, *more);
        writer.EndObject();
    }

    template <typename Writer>
    static void write_members(Writer& writer, const rapidjson::Value& object) {
        for (auto m = object.MemberBegin(); m != object.MemberEnd(); ++m) {
            writer.Key(m->name.GetString(), m->name.GetStringLength());
            m->value.Accept(writer);
        }
    }

    template <typename Writer>
    void write(Writer& writer, const ActionMatch& action) {
        if (options.random && !(sharing && brand_kept)) brand = random_brand(random);
        brand_kept = sharing;
        writer.StartObject();
        writer.Key("action");
        write_text(writer, spelling_of(action));
        for (const FieldSpec& field : action.spec->example_for(action.spelling)) {
            writer.Key(field.name.data(), static_cast<rapidjson::SizeType>(field.name.size()));
            if (field.kind == FieldKind::date) {
                std::string_view value = date_value(field);
                write_text(writer, date_override ? std::string_view(*date_override) : value);
            } else {
                write_reference(writer, field);
            }
        }
        write_members(writer, extras.top());
        writer.EndObject();
    }
};

SampleMaker::SampleMaker(SampleOptions options) : m_impl(std::make_unique<Impl>()) {
    for (const std::string& set : options.sets) {
        std::string source = "--set " + set;
        auto assignment = parse_assignment(set);
        if (!assignment) throw std::invalid_argument(source + ": " + assignment.error());
        auto resolved = resolve_assignment(assignment.value(), source, options.allow_unknown);
        if (!resolved) throw std::invalid_argument(resolved.error());
        m_impl->add_override(resolved.value());
    }
    m_impl->random = Random(options.seed);
    m_impl->pretty.SetIndent(' ', 2);
    m_impl->options = std::move(options);
}

SampleMaker::~SampleMaker() = default;
SampleMaker::SampleMaker(SampleMaker&&) noexcept = default;
SampleMaker& SampleMaker::operator=(SampleMaker&&) noexcept = default;

std::string SampleMaker::make(const ActionMatch& action) {
    std::string text;
    append(action, text);
    return text;
}

void SampleMaker::append(const ActionMatch& action, std::string& out) {
    Impl& impl = *m_impl;
    impl.buffer.Clear();
    if (impl.options.pretty) {
        impl.pretty.Reset(impl.buffer);
        impl.write(impl.pretty, action);
    } else {
        impl.compact.Reset(impl.buffer);
        impl.write(impl.compact, action);
    }
    out.append(impl.buffer.GetString(), impl.buffer.GetSize());
}

void SampleMaker::check_sets_apply(const std::vector<ActionMatch>& actions) const {
    for (const Override& o : m_impl->overrides) {
        bool applies = false;
        for (const ActionMatch& action : actions) {
            const ActionSpec& spec = *action.spec;
            switch (o.target) {
                case Target::action:
                    applies |= !find_action(o.text) || find_action(o.text)->spec == &spec;
                    break;
                case Target::date:
                    applies |= spec.field("date") != nullptr;
                    break;
                default:
                    applies |= o.reference.empty() || spec.field(o.reference) != nullptr;
            }
        }
        if (!applies)
            throw std::invalid_argument(o.source + ": no payload made here carries " +
                                        (o.target == Target::date ? "a date"
                                         : o.target == Target::action
                                             ? "that action"
                                             : "a " + o.reference + " reference"));
    }
}

void SampleMaker::share_values(bool on) {
    m_impl->sharing = on;
    m_impl->kept.fill(false);
    m_impl->date_kept = false;
    m_impl->brand_kept = false;
}

void SampleMaker::renew(std::string_view field) {
    if (field == "date")
        m_impl->date_kept = false;
    else
        m_impl->kept[reference_index(field)] = false;
}

std::uint64_t SampleMaker::draw(std::uint64_t low, std::uint64_t high) {
    return m_impl->random.between(low, high);
}

}  // namespace flowhook::schema
