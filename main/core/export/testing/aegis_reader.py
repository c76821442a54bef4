#!/usr/bin/env python3
"""An independent reader of encrypted Aegis vault files, written from Aegis's published format description
(docs/vault.md in the Aegis repository), not from our exporter. Usage: aegis_reader.py FILE (password on stdin).
Prints the entries as JSON; exits 1 with a message when the file cannot be opened (wrong password, any changed byte)."""
import base64
import hashlib
import json
import sys

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM


def open_vault(data, password):
    if data["version"] != 1:
        raise ValueError("unknown vault version")
    header = data["header"]
    master_key = None
    for slot in header["slots"]:
        if slot["type"] != 1:  # only password slots can be opened with a password
            continue
        derived = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(slot["salt"]),
                                 n=slot["n"], r=slot["r"], p=slot["p"], dklen=32, maxmem=2**31 - 1)
        params = slot["key_params"]
        try:
            master_key = AESGCM(derived).decrypt(bytes.fromhex(params["nonce"]),
                                                 bytes.fromhex(slot["key"]) + bytes.fromhex(params["tag"]), None)
            break
        except InvalidTag:
            continue
    if master_key is None:
        raise ValueError("no slot opens with this password")
    params = header["params"]
    content = AESGCM(master_key).decrypt(bytes.fromhex(params["nonce"]),
                                         base64.b64decode(data["db"], validate=True) + bytes.fromhex(params["tag"]), None)
    return json.loads(content.decode("utf-8"))


def main():
    password = sys.stdin.read().rstrip("\n")
    try:
        with open(sys.argv[1], "rb") as handle:
            data = json.loads(handle.read().decode("utf-8"))
        db = open_vault(data, password)
    except (ValueError, KeyError, TypeError, InvalidTag, UnicodeDecodeError) as error:
        print(f"cannot open: {type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(1)
    json.dump({"version": db["version"], "entries": db["entries"]}, sys.stdout)


if __name__ == "__main__":
    main()
