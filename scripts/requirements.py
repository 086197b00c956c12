"""Print the dependencies (and extras) of a pyproject.toml, one per line."""
import sys
import tomllib

with open(sys.argv[1], "rb") as handle:
    project = tomllib.load(handle)["project"]
requirements = list(project.get("dependencies", []))
for extra in sys.argv[2:]:
    requirements += project.get("optional-dependencies", {}).get(extra, [])
print("\n".join(requirements))
