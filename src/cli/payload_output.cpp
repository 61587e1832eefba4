#include "cli/payload_output.hpp"

#include <cerrno>
#include <cstring>
#include <system_error>

#include "util/error.hpp"

namespace flowhook::cli {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t k_block = 1 << 20;

Error write_error(const std::string& name, int error) {
    return Error("cannot write " + name + ": " + std::strerror(error));
}

// "0001-order_settled.json"
std::string split_name(std::size_t index, std::size_t width, std::string_view spelling) {
    std::string number = std::to_string(index);
    std::string name(number.size() < width ? width - number.size() : 0, '0');
    name += number + "-";
    for (char c : spelling) name += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    return name + ".json";
}

// A pretty payload indented one level, to sit inside an array.
void append_indented(std::string& out, std::string_view payload) {
    out += "  ";
    for (char c : payload) {
        out += c;
        if (c == '\n') out += "  ";  // JSON strings escape newlines: each is layout
    }
}

}  // namespace

PayloadOutput::PayloadOutput(OutputLayout layout, const std::string& path, std::size_t index_width)
    : m_layout(layout),
      m_name(path.empty() || path == "-" ? "stdout" : path),
      m_index_width(index_width) {
    if (layout == OutputLayout::split) {
        std::error_code ec;
        m_folder = path;
        fs::create_directories(m_folder, ec);
        if (ec || !fs::is_directory(m_folder))
            throw Error("cannot create folder " + path + ": " +
                        (ec ? ec.message() : "a file of that name exists"));
        return;
    }
    if (path.empty() || path == "-") {
        m_file = stdout;
    } else {
        if (fs::is_directory(path))
            throw Error(path + " is a folder; add --split to write one file per payload there");
        m_file = std::fopen(path.c_str(), "wb");
        if (!m_file) throw Error("cannot open " + path + ": " + std::strerror(errno));
        m_owned = true;
    }
    m_block.reserve(k_block + 4096);
    if (layout == OutputLayout::array) m_block += "[\n";
}

PayloadOutput::~PayloadOutput() {
    if (m_owned) std::fclose(m_file);
}

void PayloadOutput::write(std::string_view payload, std::string_view spelling) {
    ++m_index;
    switch (m_layout) {
        case OutputLayout::split:
            write_file(payload, spelling);
            return;
        case OutputLayout::array:
            if (m_index > 1) m_block += ",\n";
            append_indented(m_block, payload);
            break;
        case OutputLayout::single:
        case OutputLayout::lines:
            m_block += payload;
            m_block += '\n';
            break;
    }
    if (m_block.size() >= k_block) flush_block();
}

void PayloadOutput::flush_block() {
    if (!m_block.empty() &&
        std::fwrite(m_block.data(), 1, m_block.size(), m_file) != m_block.size())
        throw write_error(m_name, errno);
    m_block.clear();
}

void PayloadOutput::write_file(std::string_view payload, std::string_view spelling) {
    fs::path path = m_folder / split_name(m_index, m_index_width, spelling);
    std::FILE* file = std::fopen(path.c_str(), "wb");
    if (!file) throw write_error(path.string(), errno);
    bool ok = std::fwrite(payload.data(), 1, payload.size(), file) == payload.size() &&
              std::fputc('\n', file) != EOF;
    int error = errno;
    if (std::fclose(file) != 0 || !ok) throw write_error(path.string(), ok ? errno : error);
}

void PayloadOutput::finish() {
    if (m_finished || m_layout == OutputLayout::split) return;
    m_finished = true;
    if (m_layout == OutputLayout::array) m_block += m_index ? "\n]\n" : "]\n";
    flush_block();
    if (std::fflush(m_file) != 0 || std::ferror(m_file)) throw write_error(m_name, errno);
    if (m_owned) {
        m_owned = false;
        if (std::fclose(m_file) != 0) throw write_error(m_name, errno);
    }
}

}  // namespace flowhook::cli
