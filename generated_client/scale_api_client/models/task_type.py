import warnings
from enum import StrEnum

from ..errors import UnknownEnumValueWarning


class TaskType(StrEnum):
    ANNOTATION = "annotation"
    AUDIOTRANSCRIPTION = "audiotranscription"
    CATEGORIZATION = "categorization"
    CHAT = "chat"
    CHATEXPERIMENTAL = "chatexperimental"
    CHATLITE = "chatlite"
    COMPARISON = "comparison"
    CUBOIDANNOTATION = "cuboidannotation"
    DATACOLLECTION = "datacollection"
    DOCUMENTMODEL = "documentmodel"
    DOCUMENTTRANSCRIPTION = "documenttranscription"
    FEDERAL2DVIDEOANNOTATION = "federal2dvideoannotation"
    IMAGEANNOTATION = "imageannotation"
    LANEANNOTATION = "laneannotation"
    LIDARANNOTATION = "lidarannotation"
    LIDARLINKING = "lidarlinking"
    LIDARSEGMENTATION = "lidarsegmentation"
    LIDARTOPDOWN = "lidartopdown"
    LINEANNOTATION = "lineannotation"
    MULTICHAT = "multichat"
    MULTISTAGE = "multistage"
    NAMEDENTITYRECOGNITION = "namedentityrecognition"
    PHONECALL = "phonecall"
    POINTANNOTATION = "pointannotation"
    POLYGONANNOTATION = "polygonannotation"
    SEGMENTANNOTATION = "segmentannotation"
    SENSORFUSION = "sensorfusion"
    TEXTCOLLECTION = "textcollection"
    TRANSCRIPTION = "transcription"
    VIDEOANNOTATION = "videoannotation"
    VIDEOBOXANNOTATION = "videoboxannotation"
    VIDEOCUBOIDANNOTATION = "videocuboidannotation"
    VIDEOPLAYBACKANNOTATION = "videoplaybackannotation"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "TaskType | None":
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
