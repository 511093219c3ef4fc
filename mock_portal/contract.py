"""A JSON API's contract, declared once: pydantic models that validate requests and, unchanged,
become the OpenAPI 3.1 document the API serves (the test-control API's, docs/test-api.md).
An answer may be a TypedDict instead of a model, so that a client can type itself by the very
declaration the document is made from.

A view says what it takes in its signature and what it answers in ``@api.operation``::

    @bp.post("/users/<person_id>/closure")
    @api.operation(responses={200: ClosureAt, 409: Problem})
    def put_closure_at(person_id: PersonId, body: ClosureStep) -> Response: ...

Path parameters, ``query`` and ``body`` are validated before the view runs. A request that breaks
a rule gets 400 and ``{"error", "field", "rule"}``: the message (a field's ``Says``, else one
made from the rule), the field, and the JSON Schema keyword it broke (``type``, ``required``,
``minimum``, ``enum``, ...) or, for rules only the portal can check, a name of the portal's
(``exists``, ``forward``). Unknown paths and methods under the blueprint answer JSON 404 and 405,
and no answer of the blueprint is HTML. ``python -m mock_portal.contract [FILE]`` writes the
document (``make openapi``: docs/test-api.openapi.json).

Why pydantic and about 400 lines here, not a library that does it all (compared 2026-12):

- apispec 6 (marshmallow-code, maintained, writes 3.1): it only writes the document; the schemas
  come from marshmallow and the validation from webargs, two more ways to declare a shape
  beside the one pydantic gives, and the error format is webargs' to reshape.
- flask-openapi3 4 (pydantic v2, OpenAPI 3.1.0, validates): the app must become its ``OpenAPI``
  class and blueprints its ``APIBlueprint``; a refused request answers 422 with pydantic's error
  list unless a callback reshapes it; essentially one maintainer.
- spectree 3 (pydantic v2, OpenAPI 3.1.0, a decorator on plain Flask views): the closest fit,
  but it answers 422 with pydantic's list by default, registers its documentation pages on the
  app, and takes path parameters from Flask's converters, the very thing that answered
  ``/users/abc`` with an HTML 404.
- pydantic v2 alone is the best maintained piece of all four, and its JSON Schema (2020-12) is
  OpenAPI 3.1's schema dialect, so what is left is small: read the signature, validate, shape
  the error, and lay the models out as paths and components. It keeps plain Flask blueprints,
  the API's ``{"error": ...}`` answers and its 400s; it is what this module does.

The portal's own pages call no JSON endpoint (``static/app.js`` posts forms and reads the HTML
answer; no view but the test API's answers JSON), so the document has only the test API in it.
"""

from __future__ import annotations

import inspect
import json
import logging
import re
import sys
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import wraps
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from flask import Blueprint, Flask, current_app, jsonify, request
from pydantic import MISSING, BaseModel, ConfigDict, TypeAdapter, ValidationError, create_model
from pydantic.json_schema import GenerateJsonSchema
from pydantic_core import ErrorDetails, PydanticCustomError, core_schema
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound
from werkzeug.wrappers import Response

OPENAPI_VERSION = "3.1.0"
JSON = "application/json"
log = logging.getLogger(__name__)
M = TypeVar("M", bound=BaseModel)
# What an operation answers: a model, or a TypedDict (a JSON object a client can type itself by).
Answer = type[BaseModel] | type[Mapping[str, Any]]


class Invalid(Exception):
    """A request that breaks a rule: the message, and the field and rule it broke."""

    def __init__(self, message: str, *, field: str, rule: str) -> None:
        super().__init__(message)
        self.field = field
        self.rule = rule


class Says:
    """What a field answers when a rule of it is broken, in a model's ``Annotated`` metadata.

    ``message`` is said as it is, whatever the rule; ``templates`` replace it for one rule each
    (``enum="unknown scenario {value}"``) and are ``str.format`` text with ``field``, ``value``
    (its repr) and ``choices``.
    """

    def __init__(self, message: str | None = None, **templates: str) -> None:
        self.message = message
        self.templates = templates

    def __repr__(self) -> str:
        return f"Says({self.message!r}, **{self.templates!r})"


class OneOf:
    """A string that must be one of ``choices``: validated, and ``enum`` in the document."""

    def __init__(self, choices: Iterable[str]) -> None:
        self.choices = tuple(str(choice) for choice in choices)

    def __get_pydantic_core_schema__(
        self, source: Any, handler: Callable[[Any], core_schema.CoreSchema]
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: Callable[[Any], dict[str, Any]]
    ) -> dict[str, Any]:
        return {**handler(schema), "enum": list(self.choices)}

    def _check(self, value: str) -> str:
        if value not in self.choices:
            raise PydanticCustomError("enum", "not one of {choices}", {"choices": self.choices})
        return value


class Body(BaseModel):
    """A JSON request body: exact JSON types (no "1" for 1, no true for 1), finite numbers.

    ``unknown_fields`` is what a model that forbids unknown fields says about them
    (``str.format`` with ``names`` and ``allowed``).
    """

    model_config = ConfigDict(strict=True, allow_inf_nan=False, extra="ignore")
    unknown_fields: ClassVar[str] = "unknown field(s) {names}; use {allowed}"


class Problem(BaseModel):
    """What was wrong: the message, and the field and the rule it broke."""

    error: str
    field: str | MISSING = MISSING
    rule: str | MISSING = MISSING


# pydantic's error types, as the JSON Schema keyword (or plain word) each one breaks.
RULES = {
    "missing": "required",
    "greater_than_equal": "minimum",
    "greater_than": "exclusiveMinimum",
    "less_than_equal": "maximum",
    "less_than": "exclusiveMaximum",
    "string_pattern_mismatch": "pattern",
    "string_too_short": "minLength",
    "string_too_long": "maxLength",
    "extra_forbidden": "additionalProperties",
    "value_error": "value",
    "string_unicode": "type",
}
TYPE_NAMES = {
    "int_type": "int",
    "int_parsing": "int",
    "bool_type": "bool",
    "string_type": "str",
    "float_type": "number",
    "float_parsing": "number",
    "finite_number": "a finite number",
    "string_unicode": "Unicode text",
    "model_type": "a JSON object",
    "dict_type": "a JSON object",
}
TEMPLATES = {
    "required": "{field} is required",
    "type": "{field} must be {expected}, got {value}",
    "minimum": "{field} must be >= {ge}, got {value}",
    "exclusiveMinimum": "{field} must be > {gt}, got {value}",
    "maximum": "{field} must be <= {le}, got {value}",
    "exclusiveMaximum": "{field} must be < {lt}, got {value}",
    "pattern": "{field} must match {pattern}, got {value}",
    "minLength": "{field} must be at least {min_length} characters, got {value}",
    "maxLength": "{field} must be at most {max_length} characters",
    "enum": "{field} must be one of {choices}, got {value}",
}


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else f"{text[:77]}..."


def problem_from(error: ValidationError, model: type[BaseModel], where: str) -> Invalid:
    """Return the first broken rule of ``error`` (validating ``model``) as an ``Invalid``."""
    errors = error.errors()
    first = errors[0]
    if first["type"] == "extra_forbidden":
        names = sorted(str(e["loc"][0]) for e in errors if e["type"] == "extra_forbidden")
        unknown = getattr(model, "unknown_fields", Body.unknown_fields)
        message = unknown.format(names=", ".join(names), allowed=sorted(model.model_fields))
        return Invalid(message, field=names[0], rule="additionalProperties")
    field = ".".join(str(part) for part in first["loc"] if isinstance(part, str | int)) or where
    rule = "type" if first["type"] in TYPE_NAMES else RULES.get(first["type"], first["type"])
    return Invalid(_message(first, model, field, rule), field=field, rule=rule)


def _message(error: ErrorDetails, model: type[BaseModel], field: str, rule: str) -> str:
    context = dict(error.get("ctx") or {})
    if rule == "value" and "error" in context:  # a validator's ValueError says it best
        return str(context["error"])
    if not error["loc"]:
        return error["msg"]  # a rule of the whole body (a model validator's): its own words
    info = model.model_fields.get(str(error["loc"][0])) if error["loc"] else None
    says = next((m for m in info.metadata if isinstance(m, Says)), None) if info else None
    choices = context.pop("choices", ())
    values = {
        **context,
        "field": field,
        "value": _shown(error.get("input")),
        "choices": ", ".join(choices),
        "expected": TYPE_NAMES.get(error["type"], "valid"),
    }
    if says is not None and rule in says.templates:
        return says.templates[rule].format(**values)
    if says is not None and says.message is not None:
        return says.message
    if rule in TEMPLATES:
        return TEMPLATES[rule].format(**values)
    return f"{field}: {error['msg']}"


def validate(model: type[M], data: Mapping[str, Any], where: str) -> M:
    """Return ``data`` as ``model``, or raise ``Invalid`` naming the first broken rule."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise problem_from(error, model, where) from None


def json_object() -> dict[str, Any]:
    """Return the request's JSON object body; no body at all is an empty object."""
    raw = request.get_data(cache=True)
    if not raw.strip():
        return {}
    if not request.is_json:
        raise Invalid(
            "send a JSON object, with Content-Type: application/json", field="body", rule="type"
        )
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        raise Invalid(
            "send a JSON object: the body is not JSON", field="body", rule="type"
        ) from None
    if not isinstance(data, dict):
        raise Invalid("send a JSON object", field="body", rule="type")
    refuse_nul(data, "")
    return data


def refuse_nul(data: Any, field: str) -> None:
    """Refuse text holding U+0000 anywhere in ``data``: PostgreSQL cannot store it (a 500)."""
    if isinstance(data, str) and "\x00" in data:
        raise Invalid(f"{field} must not contain U+0000", field=field, rule="pattern")
    if isinstance(data, Mapping):
        for key, value in data.items():
            inner = f"{field}.{key}" if field else str(key)
            refuse_nul(key, inner)
            refuse_nul(value, inner)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            refuse_nul(value, f"{field}.{index}")


def reply(answer: BaseModel | Mapping[str, Any], status: int = 200) -> Response:
    """Answer with ``answer``, a model or a TypedDict's values, as JSON."""
    response = jsonify(answer.model_dump(mode="json") if isinstance(answer, BaseModel) else answer)
    response.status_code = status
    return response


@dataclass(frozen=True)
class Operation:
    """What a view takes (path parameters, query, body) and answers, by status."""

    view: Callable[..., Response]
    path: type[BaseModel] | None
    query: type[BaseModel] | None
    body: type[BaseModel] | None
    responses: Mapping[int, Answer]

    @property
    def inputs(self) -> list[type[BaseModel]]:
        """Return the models that validate this operation's input."""
        return [model for model in (self.path, self.query, self.body) if model is not None]


class Contract:
    """The operations of one blueprint, their validation, and the document describing them."""

    def __init__(self, bp: Blueprint, *, title: str, version: str, description: str) -> None:
        self.bp = bp
        self.info = {"title": title, "version": version, "description": description}
        bp.register_error_handler(Invalid, _invalid)
        bp.register_error_handler(HTTPException, _http_error)
        bp.register_error_handler(Exception, _server_error)
        bp.before_app_request(self._unknown_call)
        serve = self.operation(responses={200: Document})(self.serve)
        bp.add_url_rule("/openapi.json", "openapi", serve, methods=["GET"])

    def operation(
        self, *, responses: Mapping[int, Answer]
    ) -> Callable[[Callable[..., Response]], Callable[..., Response]]:
        """Validate the view's inputs, declared in its signature, and declare what it answers.

        ``body`` and ``query`` parameters are models; any other parameter is a path parameter.
        """

        def decorate(view: Callable[..., Response]) -> Callable[..., Response]:
            hints = typing.get_type_hints(view, include_extras=True)
            names = [name for name in inspect.signature(view).parameters]
            path_fields: dict[str, Any] = {
                name: (hints[name], ...) for name in names if name not in ("body", "query")
            }
            path = create_model(f"{view.__name__}_path", **path_fields) if path_fields else None
            operation = Operation(
                view=view,
                path=path,
                query=hints.get("query") if "query" in names else None,
                body=hints.get("body") if "body" in names else None,
                responses=responses,
            )

            @wraps(view)
            def checked(**view_args: Any) -> Response:
                arguments: dict[str, Any] = {}
                if operation.path is not None:
                    parsed = validate(operation.path, view_args, "path")
                    arguments.update({name: getattr(parsed, name) for name in path_fields})
                if operation.query is not None:
                    refuse_nul(request.args, "")
                    arguments["query"] = validate(operation.query, request.args, "query")
                if operation.body is not None:
                    arguments["body"] = validate(operation.body, json_object(), "body")
                return view(**arguments)

            checked.__dict__["operation"] = operation
            return checked

        return decorate

    def serve(self) -> Response:
        """Return this OpenAPI document: the contract a portal implements to run the harness."""
        document = current_app.extensions.get("contract")
        if document is None:
            document = current_app.extensions["contract"] = self.document(current_app)
        return jsonify(document)

    def document(self, app: Flask) -> dict[str, Any]:
        """Return the OpenAPI document of every operation of the blueprint in ``app``."""
        operations: list[tuple[str, str, str, Operation]] = []
        for rule in app.url_map.iter_rules():
            if rule.endpoint.partition(".")[0] != self.bp.name:
                continue
            operation = getattr(app.view_functions[rule.endpoint], "operation", None)
            if not isinstance(operation, Operation):
                continue  # undeclared: tests/portal/test_test_api_contract.py says which
            path = re.sub(r"<(?:[^<>:]+:)?([^<>]+)>", r"{\1}", rule.rule)
            for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
                operations.append(
                    (path, method.lower(), rule.endpoint.partition(".")[2], operation)
                )
        requests = {op.body for *_, op in operations if op.body is not None}
        answers = {m for *_, op in operations for m in op.responses.values()}
        refs, definitions = TypeAdapter.json_schemas(
            [(m, "validation", TypeAdapter(m)) for m in sorted(requests, key=_name)]
            + [(m, "serialization", TypeAdapter(m)) for m in sorted(answers, key=_name)],
            ref_template="#/components/schemas/{model}",
            schema_generator=_Schema,
        )
        paths: dict[str, dict[str, Any]] = {}
        for path, method, name, operation in sorted(operations):
            paths.setdefault(path, {})[method] = _describe(name, operation, refs)
        schemas = definitions.get("$defs", {})
        return {
            "openapi": OPENAPI_VERSION,
            "info": self.info,
            "paths": paths,
            "components": {"schemas": {key: schemas[key] for key in sorted(schemas)}},
        }

    def _unknown_call(self) -> Response | None:
        """Answer JSON, not the portal's HTML page, for a path or method the API lacks."""
        error = request.routing_exception
        prefix = self.bp.url_prefix or ""
        if not isinstance(error, NotFound | MethodNotAllowed):
            return None  # routed, or a redirect (RequestRedirect)
        if not request.path.startswith(f"{prefix}/"):
            return None  # not the API's path: the portal's own error page
        return _http_error(error)


class Document(BaseModel):
    """An OpenAPI 3.1 document."""

    model_config = ConfigDict(extra="allow")
    openapi: str
    info: dict[str, Any]
    paths: dict[str, Any]


class _Schema(GenerateJsonSchema):
    """pydantic's JSON Schema, without a title on every field (the name says it)."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False


def _name(model: Answer) -> str:
    return model.__name__


def _summary(thing: Any) -> tuple[str, str]:
    """Return the first line of the docstring, and the rest with its lines unwrapped."""
    doc = inspect.getdoc(thing) or ""
    summary, _, rest = doc.partition("\n")
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", rest.strip())]
    return summary.strip(), "\n\n".join(p for p in paragraphs if p)


def _describe(
    name: str, operation: Operation, refs: Mapping[tuple[Any, Any], dict[str, Any]]
) -> dict[str, Any]:
    summary, description = _summary(operation.view)
    described: dict[str, Any] = {"operationId": name, "summary": summary}
    if description:
        described["description"] = description
    parameters = [
        _parameter(model, where)
        for model, where in ((operation.path, "path"), (operation.query, "query"))
        if model is not None
    ]
    if any(parameters):
        described["parameters"] = [p for group in parameters for p in group]
    if operation.body is not None:
        described["requestBody"] = {
            "required": True,
            "content": {JSON: {"schema": refs[(operation.body, "validation")]}},
        }
    responses = dict(operation.responses)
    if operation.inputs:
        responses.setdefault(400, Problem)
    described["responses"] = {
        str(status): {
            "description": _summary(model)[0],
            "content": {JSON: {"schema": refs[(model, "serialization")]}},
        }
        for status, model in sorted(responses.items())
    }
    return described


def _parameter(model: type[BaseModel], where: str) -> list[dict[str, Any]]:
    schema = model.model_json_schema(schema_generator=_Schema)
    required = set(schema.get("required", ()))
    described = []
    for name, field_schema in schema["properties"].items():
        # A URL has no null: an optional parameter is absent, or a value.
        options = [o for o in field_schema.pop("anyOf", ()) if o != {"type": "null"}]
        if len(options) == 1:
            field_schema.update(options[0])
        if field_schema.get("default", ...) is None:
            del field_schema["default"]
        parameter: dict[str, Any] = {"name": name, "in": where, "required": name in required}
        if "description" in field_schema:
            parameter["description"] = field_schema.pop("description")
        described.append({**parameter, "schema": field_schema})
    return described


def _invalid(error: Invalid) -> tuple[Response, int]:
    return reply(Problem(error=str(error), field=error.field, rule=error.rule)), 400


def _http_error(error: HTTPException) -> Response:
    if isinstance(error, MethodNotAllowed):
        message = f"{request.method} is not a method of {request.path}"
    elif isinstance(error, NotFound):
        message = f"no call {request.method} {request.path} in the API (see its openapi.json)"
    else:
        message = error.description or error.name
    response = reply(Problem(error=message))
    response.status_code = error.code or 500
    for key, value in error.get_headers():
        if key.lower() != "content-type":
            response.headers[key] = value
    return response


def _server_error(error: Exception) -> tuple[Response, int]:
    log.error("unhandled error on %s %s", request.method, request.path, exc_info=error)
    return reply(Problem(error=f"internal error: {type(error).__name__}")), 500


def render(document: Mapping[str, Any]) -> str:
    """Return ``document`` as docs/test-api.openapi.json holds it: indented JSON, one newline."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def build_document() -> dict[str, Any]:
    """Return the test API's document, from its declarations alone (no store, no portal)."""
    from .views.testapi import api, bp

    app = Flask(__name__)
    app.register_blueprint(bp)
    return api.document(app)


def main(argv: list[str] | None = None) -> None:
    """Write the test API's document to the file named, else to standard output."""
    args = sys.argv[1:] if argv is None else argv
    text = render(build_document())
    if args:
        Path(args[0]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
