#include <doctest/doctest.h>

#include <random>
#include <string>

#include <rapidjson/document.h>

#include "http/forward.hpp"
#include "output/delivery_record.hpp"
#include "output/json_writer.hpp"
#include "schema/validator.hpp"

using namespace flowhook;

TEST_CASE("record_line") {
    output::HeaderList headers = {{"Content-Type", "application/json"},
                                  {"authorization", "Bearer secret"},
                                  {"Proxy-Authorization", "opaque"}};
    schema::ValidationResult result = schema::validate_text("{\"action\":1}");
    output::DeliveryRecord record;
    record.received = std::chrono::system_clock::time_point(std::chrono::milliseconds(1764444121123));
    record.method = "POST";
    record.path = "/h?x=1";
    record.remote = "127.0.0.1:5";
    record.headers = &headers;
    record.result = &result;
    record.repeat = 2;
    SUBCASE("keys in order, credentials masked, a text body as a string") {
        record.body = "not json";
        record.status = 200;
        std::string line = output::record_line(record);
        CHECK(line == "{\"received\":\"2025-11-29T19:22:01.123Z\",\"method\":\"POST\",\"path\":\"/h?x=1\","
                      "\"remote\":\"127.0.0.1:5\",\"headers\":[[\"Content-Type\",\"application/json\"],"
                      "[\"authorization\",\"Bearer ***\"],[\"Proxy-Authorization\",\"***\"]],"
                      "\"body\":\"not json\",\"raw\":\"not json\",\"action\":null,\"spelling\":null,"
                      "\"valid\":false,\"findings\":[{\"severity\":\"error\",\"code\":\"wrong-type\","
                      "\"pointer\":\"/action\",\"message\":\"" + result.findings[0].message + "\"}],"
                      "\"repeat\":2,\"status\":200}\n");
    }
    SUBCASE("a body that is not UTF-8 is kept as raw_base64; a dropped delivery has no status") {
        record.body = "\xff\x01";
        std::string line = output::record_line(record);
        CHECK(line.find("\"body\":\"\xef\xbf\xbd\\u0001\",\"raw_base64\":\"/wE=\"") != std::string::npos);
        CHECK(line.find("\"raw\":") == std::string::npos);
        CHECK(line.find("\"status\":null}") != std::string::npos);
    }
}

TEST_CASE("iso_time and local_time: each call's own milliseconds, though the second is kept") {
    using std::chrono::milliseconds;
    using Time = std::chrono::system_clock::time_point;
    CHECK(output::iso_time(Time(milliseconds(1764444121123))) == "2025-11-29T19:22:01.123Z");
    CHECK(output::iso_time(Time(milliseconds(1764444121007))) == "2025-11-29T19:22:01.007Z");
    CHECK(output::iso_time(Time(milliseconds(1764444122999))) == "2025-11-29T19:22:02.999Z");
    CHECK(output::iso_time(Time(milliseconds(1764444121000))) == "2025-11-29T19:22:01.000Z");
    std::string local = output::local_time(Time(milliseconds(1764444121045)));
    REQUIRE(local.size() == 23);
    CHECK(local.substr(19) == ".045");
    CHECK(local[10] == ' ');
    CHECK(output::local_time(Time(milliseconds(1764444121046))).substr(0, 19) == local.substr(0, 19));
}

TEST_CASE("masked_header_value") {
    CHECK(output::masked_header_value("Authorization", "Bearer secret") == "Bearer ***");
    CHECK(output::masked_header_value("authorization", "Basic c2VjcmV0") == "Basic ***");
    CHECK(output::masked_header_value("Proxy-Authorization", "secret") == "***");
    CHECK(output::masked_header_value("X-Flow", "visible") == "visible");
}

TEST_CASE("parse_forward_url") {
    std::string why;
    auto target = http::parse_forward_url("http://127.0.0.1:3000/webhooks?x=1", why);
    REQUIRE(target);
    CHECK(target->url.host == "127.0.0.1");
    CHECK(target->url.port == 3000);
    CHECK(target->url.target == "/webhooks?x=1");
    CHECK_FALSE(target->tls);
    auto plain = http::parse_forward_url("HTTP://localhost", why);
    REQUIRE(plain);
    CHECK(plain->url.port == 80);
    CHECK(plain->url.target == "/");
    auto v6 = http::parse_forward_url("http://[::1]:8080/", why);
    REQUIRE(v6);
    CHECK(v6->url.host == "::1");
    CHECK(v6->text() == "http://[::1]:8080/");
    auto tls = http::parse_forward_url("https://example.com/", why);
    REQUIRE(tls);
    CHECK(tls->url.port == 443);
    CHECK(tls->tls);
    CHECK_FALSE(http::parse_forward_url("http://", why));
    CHECK_FALSE(http::parse_forward_url("http://host:99999/", why));
    CHECK_FALSE(http::parse_forward_url("http://user@host/", why));
    CHECK_FALSE(http::parse_forward_url("localhost:3000", why));
    CHECK_FALSE(http::parse_forward_url("ftp://localhost/", why));
}

TEST_CASE("append_json_string writes what RapidJSON's writer writes, whatever falls on a block edge") {
    auto by_writer = [](const std::string& text) {
        std::string out;
        output::StringSink sink{&out};
        output::JsonWriter w(sink);
        output::write_string(w, text);
        return out;
    };
    std::string every_ascii;
    for (int c = 0; c < 128; ++c) every_ascii += static_cast<char>(c);
    std::string fast;
    output::append_json_string(fast, every_ascii);
    CHECK(fast == by_writer(every_ascii));
    std::string mixed;
    for (int i = 0; i < 50; ++i) mixed += every_ascii.substr(static_cast<std::size_t>(i)) + "\xc3\xa9\xf0\x9f\x98\x80";
    fast.clear();
    output::append_json_string(fast, mixed);
    CHECK(fast == by_writer(mixed));
    for (std::size_t length : {1, 7, 8, 9, 15, 16, 17, 40}) {
        for (std::size_t at = 0; at < length; ++at) {
            for (char special : {'"', '\\', '\n', '\x01', '\x1f'}) {
                std::string text(length, 'x');
                text[at] = special;
                text += "\xc3\xa9";
                std::string out = "prefix";
                output::append_json_string(out, text);
                CHECK(out == "prefix" + by_writer(text));
            }
        }
    }
}

TEST_CASE("append_json_string agrees with RapidJSON's writer on random text dense with escapes") {
    std::mt19937 random(1202);
    const std::string alphabet = std::string("\"\\\n\t\x01\x1f\x7f\xc3\xa9 aZ9{}:,") + '\0';
    for (int round = 0; round < 3000; ++round) {
        std::string text(random() % 80, 'x');
        for (char& c : text) c = alphabet[random() % alphabet.size()];
        std::string expected;
        output::StringSink sink{&expected};
        output::JsonWriter w(sink);
        output::write_string(w, text);
        std::string out = "x";
        output::append_json_string(out, text);
        CAPTURE(text);
        REQUIRE(out == "x" + expected);
    }
}

TEST_CASE("append_json_on_one_line drops the line breaks between tokens and nothing else") {
    std::string out;
    output::append_json_on_one_line(out, "{\r\n  \"a\": [1,\n 2],\r\"b\": \"x y\"\n}\n");
    CHECK(out == "{  \"a\": [1, 2],\"b\": \"x y\"}");
    out.clear();
    output::append_json_on_one_line(out, "{\"compact\":true}");
    CHECK(out == "{\"compact\":true}");
}

TEST_CASE("record_line: a JSON body goes in as it came, on one line; raw keeps its line breaks") {
    schema::ValidationResult result = schema::validate_text("{\"action\":1}");
    output::DeliveryRecord record;
    record.method = "POST";
    record.result = &result;
    record.body = "{\n  \"action\": 1,\n  \"note\": \"\\u00e9\"\n}";
    record.json = true;
    std::string line = output::record_line(record);
    CHECK(line.find(",\"body\":{  \"action\": 1,  \"note\": \"\\u00e9\"},\"raw\":\"{\\n  \\\"action\\\": 1,\\n"
                    "  \\\"note\\\": \\\"\\\\u00e9\\\"\\n}\",\"action\":") != std::string::npos);
    rapidjson::Document parsed;
    parsed.Parse(line.data(), line.size() - 1);
    REQUIRE_FALSE(parsed.HasParseError());
    CHECK(parsed["body"]["note"] == "\xc3\xa9");
    CHECK(parsed["raw"].GetString() == std::string(record.body));
}
