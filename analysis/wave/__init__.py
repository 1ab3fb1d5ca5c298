"""A new survey wave as data: ``python -m analysis new-wave <year> --from <earlier year>``."""

from analysis.wave.scaffold import NewWave, NewWaveError, new_wave

__all__ = ["NewWave", "NewWaveError", "new_wave"]
