"""LoopOS AI's services: each turns a request into one structured-output task for the AI
provider (with its offline answer where one exists without a model) and checks the answer.
Requests and results are plain dicts shaped exactly like the product's JSON bodies.

`tasks` builds each service's task; `offline` answers without a model from the reference data
in `catalogue`, `glossary`, `scoring` and `documents`; `schemas` holds the JSON Schemas answers
must meet; `callbacks` delivers results later; `index` is the HTML index page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.ai import Message, Provider, Task

from . import tasks
from .tasks import Request, Result, messages


@dataclass(frozen=True)
class Service:
    task: Callable[[Request], Task]
    finish: Callable[[Request, Result], Result] = lambda _, result: result


SERVICES: dict[str, Service] = {
    "loopos_ai_decision": Service(tasks.decision),
    "loopos_ai_c2c_descriptor": Service(tasks.c2c_descriptor),
    "loopos_ai_c2c_validation": Service(tasks.c2c_validation),
    "loopos_ai_value_estimation": Service(tasks.value_estimation),
    "loopos_ai_id_validator": Service(tasks.id_validator, tasks.id_finish),
    "loopos_ai_translator": Service(tasks.translator),
    "loopos_ai_protocol_generator": Service(tasks.protocol),
    "loopos_ai_brands": Service(tasks.brands, tasks.limit_brands),
}


def prepare(name: str, request: Request) -> Task:
    """The service's task; raises `ValidationFailed` for requests no model could answer."""
    return SERVICES[name].task(request)


async def run(name: str, request: Request, provider: Provider) -> Result:
    result = await provider.structured(prepare(name, request))
    return SERVICES[name].finish(request, result)


async def chat(request: Request, provider: Provider) -> list[Result]:
    """DeepChat style: the assistant's reply as a list of messages."""
    history = [
        Message("user" if turn["role"] == "user" else "assistant", turn["text"])
        for turn in request["messages"]
    ]
    system = messages(
        "assistant for the LoopOS circular-economy platform",
        {key: request[key] for key in ("language", "loopos_core_context", "loopos_core_base_url")},
    )[0]
    if request["images"] and history:
        last = history[-1]
        history[-1] = Message(last.role, last.text, tuple(request["images"]))
    reply = await provider.complete([system, *history])
    return [{"text": reply, "role": "assistant", "html": None}]
