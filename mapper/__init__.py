"""mapper: turn news reports into a sourced, checkable situation map.

>>> import mapper
>>> situation = mapper.run()          # the bundled example reports, nothing written
>>> len(situation.documents) > 0
True
"""

__version__ = "0.1.0"

from .actors import Actors, load_actors  # noqa: E402
from .articles import read_articles  # noqa: E402
from .build import assemble, build, extract, run  # noqa: E402
from .claims import extract_claims  # noqa: E402
from .errors import (  # noqa: E402
    ActorsError,
    ArticleError,
    GazetteerError,
    InputError,
    MapperError,
)
from .gazetteer import Gazetteer, load_gazetteer  # noqa: E402
from .mentions import find_mentions, find_unresolved  # noqa: E402
from .model import (  # noqa: E402
    Actor,
    Article,
    ArticleResult,
    ControlClaim,
    DistanceClaim,
    Mention,
    Place,
    PlaceSituation,
    Situation,
    Skipped,
    Suspect,
    Unresolved,
)
from .situation import aggregate  # noqa: E402
from .verify import verify_distances  # noqa: E402

__all__ = [
    "__version__",
    "Actor",
    "Actors",
    "ActorsError",
    "Article",
    "ArticleError",
    "ArticleResult",
    "ControlClaim",
    "DistanceClaim",
    "Gazetteer",
    "GazetteerError",
    "InputError",
    "MapperError",
    "Mention",
    "Place",
    "PlaceSituation",
    "Situation",
    "Skipped",
    "Suspect",
    "Unresolved",
    "aggregate",
    "assemble",
    "build",
    "extract",
    "extract_claims",
    "find_mentions",
    "find_unresolved",
    "load_actors",
    "load_gazetteer",
    "read_articles",
    "run",
    "verify_distances",
]
