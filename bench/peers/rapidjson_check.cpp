// The ceiling for `flowhook validate` on NDJSON: a bare RapidJSON loop that parses each line in
// situ into one reused, pool-backed document and checks only that the action is known and that
// its required references are objects with an integer Id and a string Uid. No reports, no
// positions, no threads: what a developer would write by hand, done well.
//
// Usage: rapidjson_check RULES FILE
//   RULES: one line per action spelling, "ACTION ref ref ... =field ...", written by bench/run
//   from the schema, so this file lists no action of its own: each ref must be a reference
//   object, each =field a string.
// Prints "lines N valid N invalid N" on stdout; exit 0 when every line is valid, else 1.
#include <rapidjson/allocators.h>
#include <rapidjson/document.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

struct Rule {
    std::string action;
    std::vector<std::string> references;
    std::vector<std::string> strings;
};

std::vector<Rule> read_rules(const char* path) {
    std::vector<Rule> rules;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream words(line);
        Rule rule;
        if (!(words >> rule.action)) continue;
        for (std::string field; words >> field;) {
            if (field[0] == '=') rule.strings.push_back(field.substr(1));
            else rule.references.push_back(field);
        }
        rules.push_back(std::move(rule));
    }
    return rules;
}

using Document = rapidjson::GenericDocument<rapidjson::UTF8<>, rapidjson::MemoryPoolAllocator<>>;

class Checker {
public:
    explicit Checker(std::vector<Rule> rules)
        : m_rules(std::move(rules)), m_pool(m_buffer, sizeof m_buffer), m_document(&m_pool) {}

    // Parses `line` (NUL-terminated, modified in place) and checks it.
    bool check(char* line) {
        m_pool.Clear();  // one pool for every line: no allocation once it has grown
        m_document.ParseInsitu(line);
        if (m_document.HasParseError() || !m_document.IsObject()) return false;
        auto action = m_document.FindMember("action");
        if (action == m_document.MemberEnd() || !action->value.IsString()) return false;
        std::string_view name(action->value.GetString(), action->value.GetStringLength());
        for (const Rule& rule : m_rules)
            if (rule.action == name) return has_references(rule);
        return false;
    }

private:
    bool has_references(const Rule& rule) const {
        for (const std::string& reference : rule.references) {
            auto member = m_document.FindMember(
                rapidjson::StringRef(reference.data(), reference.size()));
            if (member == m_document.MemberEnd() || !member->value.IsObject()) return false;
            auto id = member->value.FindMember("Id");
            auto uid = member->value.FindMember("Uid");
            if (id == member->value.MemberEnd() || !id->value.IsInt64()) return false;
            if (uid == member->value.MemberEnd() || !uid->value.IsString()) return false;
        }
        for (const std::string& field : rule.strings) {
            auto member = m_document.FindMember(rapidjson::StringRef(field.data(), field.size()));
            if (member == m_document.MemberEnd() || !member->value.IsString()) return false;
        }
        return true;
    }

    std::vector<Rule> m_rules;
    char m_buffer[64 * 1024];
    rapidjson::MemoryPoolAllocator<> m_pool;
    Document m_document;
};

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: rapidjson_check RULES FILE\n");
        return 2;
    }
    static Checker checker(read_rules(argv[1]));
    std::FILE* in = std::fopen(argv[2], "rb");
    if (!in) {
        std::perror(argv[2]);
        return 2;
    }
    // One growing buffer; lines are parsed where they lie, the tail carried to the next read.
    std::vector<char> buffer(1 << 20);
    std::size_t filled = 0;
    long lines = 0, valid = 0;
    for (;;) {
        if (filled + 1 >= buffer.size()) buffer.resize(buffer.size() * 2);
        std::size_t got = std::fread(buffer.data() + filled, 1, buffer.size() - filled - 1, in);
        filled += got;
        std::size_t start = 0;
        for (;;) {
            char* begin = buffer.data() + start;
            char* newline = static_cast<char*>(std::memchr(begin, '\n', filled - start));
            if (!newline) {
                if (got == 0 && start < filled) newline = buffer.data() + filled;  // last line
                else break;
            }
            *newline = '\0';
            if (newline > begin) {
                ++lines;
                valid += checker.check(begin);
            }
            start = static_cast<std::size_t>(newline - buffer.data()) + 1;
            if (start > filled) start = filled;
        }
        std::memmove(buffer.data(), buffer.data() + start, filled - start);
        filled -= start;
        if (got == 0) break;
    }
    std::fclose(in);
    std::printf("lines %ld valid %ld invalid %ld\n", lines, valid, lines - valid);
    return valid == lines ? 0 : 1;
}
