"""jupyterhub-idle-culler, run so that it stops at once when the hub stops.

The culler keeps running after the SIGINT JupyterHub sends its services first, so the hub
waited about 30 seconds for it on every shutdown. Here SIGINT and SIGTERM end it at once (it
holds no state: it only asks the hub's API which servers are idle and stops them).
"""

import signal
import sys

from jupyterhub_idle_culler import main

if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    sys.argv[0] = "jupyterhub-idle-culler"
    main()
