#!/usr/bin/env python3
"""Validates VERA JSON pages against the schemas of the VERA OpenAPI specification, with an
independent validator (openapi-schema-validator, OpenAPI 3.0 semantics).

Usage: validate.py FOLDER...   Each file RESOURCE-NNNNN.json in a folder is validated as the body
of the list endpoint GET /RESOURCE: a JSON array of at most 100 items of the endpoint's schema
(WRV.yaml; /reacties from the domain model Woonruimteverdeling.yaml, which WRV.yaml lacks).

Some schemas of the specification use `oneOf` over alternatives that nothing tells apart (no
discriminator, no required property, additional properties allowed): Relaties-Relatie,
Kandidaten-Relatie and Eenheden-Adres among those Thuis writes. Any object is valid under each
alternative, so `oneOf` (exactly one) fails for every object. For those the check is that the
object is valid under the alternative Thuis writes (the Relatiegroep for a household, the
Eenheidadres, which holds the gemeente, for a dwelling's address); every other schema is used
exactly as published.
"""
import json
import os
import re
import sys

import yaml
from openapi_schema_validator import OAS30Validator

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = os.path.join(HERE, "..", "..", "Fixtures", "vera", "spec")

# resource -> (specification, item schema)
ENDPOINTS = {
    "eenheden": ("WRV.yaml", "Eenheden-Eenheidbericht"),
    "publicaties": ("WRV.yaml", "Publicaties-Publicatiebericht"),
    "relaties": ("WRV.yaml", "Relaties-Relatiebericht"),
    "reacties": ("Woonruimteverdeling.yaml", "Reactiebericht"),
    "aanbiedingen": ("WRV.yaml", "Aanbiedingen-Aanbiedingbericht"),
    "toewijzingen": ("WRV.yaml", "Toewijzingen-Toewijzingbericht"),
    "kandidaten": ("WRV.yaml", "Kandidaten-Kandidaatbericht"),
}

# oneOf without a way to tell the alternatives apart -> the alternative Thuis writes.
INDISTINGUISHABLE = {
    "Relaties-Relatie": "Relaties-Relatiegroep",
    "Kandidaten-Relatie": "Kandidaten-Relatiegroep",
    "Eenheden-Adres": "Eenheden-Eenheidadres",
}

_specs = {}


def spec(name):
    if name not in _specs:
        with open(os.path.join(SPEC, name), encoding="utf-8") as f:
            loaded = yaml.safe_load(f)
        for schema, alternative in INDISTINGUISHABLE.items():
            if schema in loaded["components"]["schemas"]:
                loaded["components"]["schemas"][schema] = {"$ref": f"#/components/schemas/{alternative}"}
        _specs[name] = loaded
    return _specs[name]


def list_schema(resource):
    """The 200 response body of GET /resource, with the specification's components beside it."""
    name, item = ENDPOINTS[resource]
    loaded = spec(name)
    body = loaded["paths"][f"/{resource}"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert body["items"]["$ref"] == f"#/components/schemas/{item}", (resource, body)
    return dict(body, components=loaded["components"])


def main(folders):
    checked, failures = 0, 0
    validators = {}
    for folder in folders:
        for name in sorted(os.listdir(folder)):
            match = re.fullmatch(r"([a-z]+)-\d+\.json", name)
            if not match or match.group(1) not in ENDPOINTS:
                continue
            resource = match.group(1)
            if resource not in validators:
                validators[resource] = OAS30Validator(list_schema(resource))
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                body = json.load(f)
            errors = sorted(validators[resource].iter_errors(body), key=lambda e: list(e.absolute_path))
            for error in errors[:5]:
                where = "/".join(str(p) for p in error.absolute_path)
                print(f"{folder}/{name}: /{where}: {error.message[:300]}")
            failures += len(errors) > 0
            checked += 1
    print(f"{checked} pages checked against the VERA schemas, {failures} invalid")
    if checked == 0:
        print("no pages found", file=sys.stderr)
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
