"""Text detectors for the rubric's signals and red flags, one module per criterion.

Each signal is a few `Rule`s built from named pattern families. The families encode the
labelling rubric (shared/realpages/README.md): what counts is what a page says about *this*
provider's own practice, so most families pair a keyword with the context that makes it
about the clinic (first person, an FAQ answer, a process step) and with vetoes for the
contexts that do not (general education, research, the patient's own doctors, an outside
expert's quote, a profession's skills, advice about clinics in general).

Cost signals live in `directory.extract.cost` and `prices`, `multiple_routes` in `routes`.
"""

from directory.extract.signals.expertise import EXPERTISE_RULES
from directory.extract.signals.holistic import HOLISTIC_RULES
from directory.extract.signals.personalization import PERSONALIZATION_RULES
from directory.extract.signals.red_flags import RED_FLAG_RULES
from directory.extract.signals.reviews import RATING_TEXT, REVIEW_RULES
from directory.extract.signals.safety import SAFETY_RULES

__all__ = [
    "EXPERTISE_RULES",
    "HOLISTIC_RULES",
    "PERSONALIZATION_RULES",
    "RATING_TEXT",
    "RED_FLAG_RULES",
    "REVIEW_RULES",
    "SAFETY_RULES",
]
