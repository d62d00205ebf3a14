import warnings
from enum import StrEnum

from ..errors import UnknownEnumValueWarning


class LegacyUrgency(StrEnum):
    DAY = "day"
    IMMEDIATE = "immediate"
    WEEK = "week"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "LegacyUrgency | None":
        """A value this client does not know (the server is newer than the spec it was
        generated from): keep it as a member of its own, and warn, instead of failing to parse
        the whole response."""
        if not isinstance(value, str):
            return None
        warnings.warn(
            f"{cls.__name__} has no member {value!r}; keeping the raw value (regenerate the client)",
            UnknownEnumValueWarning,
            stacklevel=4,  # the model's from_dict, past Enum's own frames
        )
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member
