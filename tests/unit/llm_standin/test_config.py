"""Settings from the environment, presets, runtime patches."""

import pytest
from pydantic import ValidationError

from llm_standin.config import Settings, Tunables
from llm_standin.main import parse_args


def test_defaults_are_realistic() -> None:
    t = Tunables()
    assert t.preset == "realistic" and t.ttft_seconds > 0 and t.tokens_per_second > 0


def test_speed_preset_is_instant_unless_told_otherwise() -> None:
    assert (Tunables(preset="speed").ttft_seconds, Tunables(preset="speed").tokens_per_second) == (0, 0)
    assert Tunables(preset="speed", tokens_per_second=50).tokens_per_second == 50


def test_environment_with_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LLM_STANDIN_PRESET", "speed")
    monkeypatch.setenv("LLM_STANDIN_PORT", "9123")
    monkeypatch.setenv("LLM_STANDIN_RPM_LIMIT", "30")
    monkeypatch.setenv("LLM_STANDIN_API_KEY", "sekret")
    monkeypatch.setenv("LLM_STANDIN_MODELS", '["a", "b"]')
    settings = Settings()
    assert (settings.port, settings.rpm_limit, settings.api_key, settings.models) == (
        9123,
        30,
        "sekret",
        ["a", "b"],
    )
    assert settings.tunables().ttft_seconds == 0


def test_cli_flags_override_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LLM_STANDIN_PORT", "9123")
    settings = Settings(**parse_args(["--port", "9200", "--host", "0.0.0.0", "--preset", "speed"]))
    assert (settings.host, settings.port, settings.preset) == ("0.0.0.0", 9200, "speed")


def test_patch_merges_and_a_new_preset_resets_latency() -> None:
    t = Tunables(preset="speed").patched({"rpm_limit": 5, "tokens_per_second": 20})
    assert (t.rpm_limit, t.tokens_per_second, t.ttft_seconds) == (5, 20, 0)
    back = t.patched({"preset": "realistic"})
    assert back.rpm_limit == 5 and back.ttft_seconds > 0 and back.tokens_per_second == 100
    assert t.patched({"preset": "speed"}).tokens_per_second == 0


@pytest.mark.parametrize("patch", [{"nonsense": 1}, {"error_rate": 2}, {"stall_mode": "explode"}])
def test_bad_patches_are_refused(patch: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        Tunables().patched(patch)
