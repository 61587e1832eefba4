#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>

#include "util/error.hpp"
#include "send/payloads.hpp"

using namespace flowhook;
using namespace flowhook::send;

namespace {

constexpr const char* k_valid =
    R"({"action":"TILL_OPEN","tenant":{"Id":7,"Uid":"7"},"store":{"Id":1,"Uid":"7"},)"
    R"("till":{"Id":73,"Uid":"722"},"tenantUser":{"Id":7,"Uid":"7"},)"
    R"("cashReport":{"Id":7212,"Uid":"74533"},"date":"2022-10-18"})";

// A file in the temporary folder, removed at the end of the test.
struct TempFile {
    std::filesystem::path path;
    explicit TempFile(const std::string& text) {
        path = std::filesystem::temp_directory_path() /
               ("flowhook-test-" + std::to_string(std::rand()) + ".ndjson");
        std::ofstream(path) << text;
    }
    ~TempFile() { std::filesystem::remove(path); }
};

std::vector<std::string> names_of(DeliverySource& source) {
    std::vector<std::string> names;
    while (auto delivery = source.next()) names.push_back(delivery->name);
    return names;
}

}  // namespace

TEST_CASE("DeliverySource") {
    TempFile file(std::string(k_valid) + "\n\nnot json\n" + k_valid + "\n");
    PayloadSources sources;
    sources.paths = {file.path.string()};

    SUBCASE("hands out NDJSON lines in order, each validated") {
        DeliverySource source(sources);
        auto first = source.next();
        REQUIRE(first);
        CHECK(first->name == file.path.string() + ":1");
        CHECK(first->action == "TILL_OPEN");
        CHECK(first->valid());
        auto second = source.next();
        REQUIRE(second);
        CHECK(second->name == file.path.string() + ":3");
        CHECK_FALSE(second->valid());
        CHECK(source.next()->name == file.path.string() + ":4");
        CHECK_FALSE(source.next());
        CHECK(source.handed_out() == 3);
        CHECK_FALSE(source.read_failed());
    }
    SUBCASE("files, then samples; --duplicate copies sit next to each other") {
        sources.actions = {"ORDER_SETTLED"};
        sources.copies = 2;
        DeliverySource source(sources);
        std::string name = file.path.string();
        CHECK(names_of(source) == std::vector<std::string>{
                                      name + ":1 (copy 1/2)", name + ":1 (copy 2/2)",
                                      name + ":3 (copy 1/2)", name + ":3 (copy 2/2)",
                                      name + ":4 (copy 1/2)", name + ":4 (copy 2/2)",
                                      "sample ORDER_SETTLED (copy 1/2)",
                                      "sample ORDER_SETTLED (copy 2/2)"});
    }
    SUBCASE("--no-validate keeps the action but no problems") {
        sources.enforce_schema = false;
        DeliverySource source(sources);
        source.next();
        auto text = source.next();
        REQUIRE(text);
        CHECK(text->valid());
    }
    SUBCASE("shuffle: every delivery once, the same order for the same seed") {
        sources.copies = 3;
        DeliverySource a(sources), b(sources), c(sources);
        a.shuffle(7);
        b.shuffle(7);
        c.shuffle(8);
        auto order = names_of(a);
        CHECK(order == names_of(b));
        CHECK(std::set<std::string>(order.begin(), order.end()).size() == 9);
        CHECK(order != names_of(c));
    }
    SUBCASE("a path that cannot be read, or an unknown action, fails before anything is read") {
        sources.paths.push_back("/nonexistent/flowhook.ndjson");
        CHECK_THROWS_AS(DeliverySource{sources}, Error);
        sources.paths = {std::filesystem::temp_directory_path().string()};
        CHECK_THROWS_WITH_AS(DeliverySource{sources}, doctest::Contains("Is a directory"), Error);
        sources.paths.clear();
        sources.actions = {"ORDER_SETLED"};
        CHECK_THROWS_WITH_AS(DeliverySource{sources}, doctest::Contains("did you mean"), Error);
    }
}
