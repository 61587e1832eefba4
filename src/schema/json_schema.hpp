#pragma once
// The catalogue as JSON Schema (draft 2020-12), for tools other than flowhook (ajv,
// check-jsonschema, editors). The rules are those of the validator: every reference of the
// action required, Id an integer 0..2^63-1, Uid a non-empty string, date a calendar date;
// fields the catalogue does not know are allowed unless strict. One verdict differs, and the
// schema says so on Id: JSON Schema counts an integral float (7123.0) as an integer.

#include <string>

#include "schema/catalog.hpp"

namespace flowhook::schema {

struct JsonSchemaOptions {
    bool strict = false;  // additionalProperties: false, as validate --strict
};

// A schema for one action, accepting each of its spellings.
std::string json_schema_for(const ActionSpec& action, const JsonSchemaOptions& options);

// One schema for every action: it requires a known spelling in "action" and applies that
// action's rules (if/then on each spelling).
std::string json_schema_for_all(const JsonSchemaOptions& options);

}  // namespace flowhook::schema
