"""Validates JSON files against a JSON schema (any draft jsonschema knows); prints each error.

Usage: validate_json_schema.py SCHEMA FILE...   exit 0 when every file is valid, 1 otherwise.
Runs under Debian's /usr/bin/python3 with python3-jsonschema.
"""
import json
import sys

import jsonschema


def main():
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=jsonschema.FormatChecker())
    invalid = 0
    for path in sys.argv[2:]:
        errors = sorted(validator.iter_errors(json.load(open(path, encoding="utf-8"))),
                        key=lambda e: list(map(str, e.path)))
        for error in errors[:10]:
            print(f"{path}: /{'/'.join(map(str, error.path))}: {error.message}")
        invalid += bool(errors)
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main())
