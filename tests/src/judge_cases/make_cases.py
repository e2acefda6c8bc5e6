"""Makes the differential test's cases at test time, with the Python of
pkilint's virtualenv (its `cryptography`): the server cases
(server_cases.py), or with `clients` after OUT the client cases
(client_cases.py). Nothing made here is checked in.

Usage: python3 make_cases.py OUT [clients]
"""

import sys

import client_cases
import server_cases

if __name__ == "__main__":
    if sys.argv[2:] == ["clients"]:
        client_cases.make(sys.argv[1])
    else:
        server_cases.make(sys.argv[1])
