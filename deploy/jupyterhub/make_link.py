"""The links a facilitator sends: the workshop by nbgitpuller on a hub, and the Binder launch.

    python deploy/jupyterhub/make_link.py --hub https://hub.example.org --repo https://github.com/OWNER/REPO

nbgitpuller (installed in the hub's user environment) clones the repository into each
participant's home the first time they open the link (into a folder named like the
repository), and on later visits pulls updates without overwriting anything they changed. The
link then opens the start notebook of the participant's own copies in ``my_work/notebooks``,
made by ``python -m qi_kit notebooks`` when their server starts (this kit's hub does it), so
names they type never land in the lesson files. The Binder link opens the same copy on
mybinder.org (``binder/postBuild`` makes it; no accounts; work is lost when the session ends).
"""

from __future__ import annotations

import argparse
import sys
from urllib.parse import quote, urlencode

#: the participant's own copy of the start notebook (``python -m qi_kit notebooks``), never the lesson
START = "my_work/notebooks/00_start_here.ipynb"


def repo_folder(repo: str) -> str:
    """The folder nbgitpuller clones into: the repository's name."""
    name = repo.rstrip("/").rsplit("/", 1)[-1]
    return name[:-4] if name.endswith(".git") else name


def nbgitpuller_link(hub: str, repo: str, *, branch: str = "main", notebook: str = START) -> str:
    """``<hub>/hub/user-redirect/git-pull?repo=...&branch=...&urlpath=lab/tree/<notebook>``.

    The repository is pulled into ``<home>/<folder>``; ``notebook`` is opened from the home
    folder (the participant's copy in ``my_work/notebooks``, beside the pulled folder).

    Examples
    --------
    >>> nbgitpuller_link("https://hub.example.org/", "https://github.com/nhs-qi/qi_kit")
    'https://hub.example.org/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fnhs-qi%2Fqi_kit&branch=main&urlpath=lab%2Ftree%2Fmy_work%2Fnotebooks%2F00_start_here.ipynb'
    """
    query = urlencode({"repo": repo, "branch": branch, "urlpath": f"lab/tree/{notebook}"})
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def binder_link(repo: str, *, branch: str = "HEAD", notebook: str = START) -> str:
    """The mybinder.org launch link for a GitHub repository, opening ``notebook``.

    >>> binder_link("https://github.com/nhs-qi/qi_kit")
    'https://mybinder.org/v2/gh/nhs-qi/qi_kit/HEAD?urlpath=lab/tree/my_work/notebooks/00_start_here.ipynb'
    """
    owner_repo = repo.rstrip("/").removesuffix(".git").split("github.com/", 1)[-1]
    return f"https://mybinder.org/v2/gh/{owner_repo}/{branch}?urlpath={quote('lab/tree/' + notebook)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The workshop links for a hub (nbgitpuller) and for Binder.")
    parser.add_argument("--hub", help="the hub's address, e.g. https://hub.example.org")
    parser.add_argument("--repo", required=True, help="the kit's public git repository (your copy)")
    parser.add_argument("--branch", default="main")
    args = parser.parse_args(argv)
    if args.hub:
        print("Hub (nbgitpuller):", nbgitpuller_link(args.hub, args.repo, branch=args.branch))
    if "github.com/" in args.repo:
        print("Binder:           ", binder_link(args.repo))
    return 0


if __name__ == "__main__":
    sys.exit(main())
