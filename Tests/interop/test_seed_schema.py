"""Fixtures/seed.schema.json is a valid JSON Schema, documents every member with an example,
and accepts the example seed and what GET /_mock/state answers."""
import json
import pathlib

import jsonschema
import requests

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "Fixtures" / "seed.schema.json").read_text())


def test_schema_is_valid_and_every_member_is_documented():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    members = list(SCHEMA["properties"].items())
    for definition in SCHEMA["$defs"].values():
        members += list(definition["properties"].items())
    for name, member in members:
        assert member.get("description"), name
        assert member.get("examples") or "const" in member or "enum" in member, name


def test_example_seed_and_live_state_validate(server):
    jsonschema.validate(json.loads((ROOT / "Fixtures" / "seed-example.json").read_text()), SCHEMA)
    state = requests.get(server.base_url + "/_mock/state", headers=server.admin_headers(), timeout=10).json()
    jsonschema.validate(state, SCHEMA)
