#!/usr/bin/env python3
"""Validates VERA JSON pages against the schemas of the VERA OpenAPI specification, with an
independent validator (openapi-schema-validator, OpenAPI 3.0 semantics) and its format checker
(date, date-time, uri: a Reactie's `relaties` must be absolute URIs).

Usage: validate.py FOLDER...   Each file RESOURCE-NNNNN.json in a folder is validated as the body
of the list endpoint GET /RESOURCE: a JSON array of at most 100 items of the endpoint's schema
(WRV.yaml; /reacties from the domain model Woonruimteverdeling.yaml, which WRV.yaml lacks).

Each page is checked twice, and both verdicts are reported:
- under the specification as published. Some of its schemas use `oneOf` over alternatives that
  nothing tells apart (no discriminator, no required property, additional properties allowed:
  Relaties-Relatie, Kandidaten-Relatie, Eenheden-Adres, ...). An object valid under one is valid
  under all, so `oneOf` ("exactly one") refuses every such object. Those refusals are counted as
  the specification's defect; any other error fails the check;
- with every `oneOf` read as `anyOf` (what the specification means): every page must be valid.
"""
import json
import os
import re
import sys

import yaml
from openapi_schema_validator import OAS30Validator, oas30_format_checker

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

_specs = {}


def as_any_of(node):
    """The schema with every oneOf read as anyOf."""
    if isinstance(node, dict):
        return {("anyOf" if k == "oneOf" else k): as_any_of(v) for k, v in node.items()}
    if isinstance(node, list):
        return [as_any_of(v) for v in node]
    return node


def spec(name, any_of):
    key = (name, any_of)
    if key not in _specs:
        with open(os.path.join(SPEC, name), encoding="utf-8") as f:
            loaded = yaml.safe_load(f)
        _specs[key] = as_any_of(loaded) if any_of else loaded
    return _specs[key]


def list_schema(resource, any_of):
    """The 200 response body of GET /resource, with the specification's components beside it."""
    name, item = ENDPOINTS[resource]
    loaded = spec(name, any_of)
    body = loaded["paths"][f"/{resource}"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert body["items"]["$ref"] == f"#/components/schemas/{item}", (resource, body)
    return dict(body, components=loaded["components"])


def one_of_defect(error):
    """Whether an error comes from a oneOf whose alternatives all accept the object."""
    if error.validator == "oneOf":
        return True
    return any(one_of_defect(e) for e in (error.context or []))


def main(folders):
    if "uri" not in oas30_format_checker.checkers or "date-time" not in oas30_format_checker.checkers:
        print("the format checker lacks uri or date-time (install rfc3987): formats would go unchecked", file=sys.stderr)
        return 1
    checked, failures, defects = 0, 0, 0
    validators = {}
    for folder in folders:
        for name in sorted(os.listdir(folder)):
            match = re.fullmatch(r"([a-z]+)-\d+\.json", name)
            if not match or match.group(1) not in ENDPOINTS:
                continue
            resource = match.group(1)
            if resource not in validators:
                validators[resource] = tuple(
                    OAS30Validator(list_schema(resource, any_of), format_checker=oas30_format_checker) for any_of in (False, True))
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                body = json.load(f)
            published, meant = validators[resource]
            as_published = list(published.iter_errors(body))
            real = [e for e in as_published if not one_of_defect(e)]
            errors = sorted(real + list(meant.iter_errors(body)), key=lambda e: list(e.absolute_path))
            for error in errors[:5]:
                where = "/".join(str(p) for p in error.absolute_path)
                print(f"{folder}/{name}: /{where}: {error.message[:300]}")
            failures += len(errors) > 0
            defects += len(as_published) > len(real)
            checked += 1
    print(f"{checked} pages checked against the VERA schemas with formats: {failures} invalid; "
          f"{defects} refused as published only by a oneOf whose alternatives nothing tells apart, valid with oneOf read as anyOf")
    if checked == 0:
        print("no pages found", file=sys.stderr)
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
