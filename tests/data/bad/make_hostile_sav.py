"""Writes the malformed SPSS files of tests/data/bad from the haven fixtures in tests/data/sav.

Run from the repository root: python3 tests/data/bad/make_hostile_sav.py (deterministic output).
Each file is broken in one way (see README.md here); psym must refuse each with exit 2 and a
clear message, in bounded memory and time.
"""
import random
import struct
import zlib

SAV = "tests/data/sav/"
BAD = "tests/data/bad/"


def read(name):
    with open(SAV + name, "rb") as f:
        return bytearray(f.read())


def write(name, data):
    with open(BAD + name, "wb") as f:
        f.write(bytes(data))


def dictionary_end(b):
    """Offset just after the dictionary termination record, and the offset of the first
    variable record's label length."""
    p = 176
    first_label = None
    while True:
        (t,) = struct.unpack_from("<i", b, p)
        if t == 2:
            typ, has_label, n_missing = struct.unpack_from("<3i", b, p + 4)
            q = p + 32
            if has_label:
                if first_label is None:
                    first_label = q
                (n,) = struct.unpack_from("<i", b, q)
                q += 4 + (n + 3) // 4 * 4
            p = q + 8 * abs(n_missing)
        elif t == 3:
            (n,) = struct.unpack_from("<i", b, p + 4)
            q = p + 8
            for _ in range(n):
                q += 8 + (b[q + 8] + 1 + 7) // 8 * 8
            (c,) = struct.unpack_from("<i", b, q + 4)
            p = q + 8 + 4 * c
        elif t == 7:
            size, count = struct.unpack_from("<2i", b, p + 8)
            p += 16 + size * count
        elif t == 999:
            return p + 8, first_label
        else:
            raise ValueError(t)


sav = read("alliance_utf8.sav")
end, label_at = dictionary_end(sav)

# cut inside the dictionary
write("sav_truncated_dictionary.sav", sav[:1000])

# cut inside the cases (uncompressed: the header declares 5 cases)
plain = read("alliance_plain.sav")
write("sav_truncated_cases.sav", plain[:-100])

# a record type that does not exist, where the first variable record starts
corrupt = bytearray(sav)
struct.pack_into("<i", corrupt, 176, 42)
write("sav_corrupt_record.sav", corrupt)

# a variable label declaring 2 GB
huge = bytearray(sav)
struct.pack_into("<i", huge, label_at, 0x7FFFFFFF)
write("sav_huge_label.sav", huge)

# cut at a case boundary: 4 whole cases where the header declares 5
case_bytes = 53 * 8
write("sav_missing_cases.sav", plain[:len(plain) - case_bytes])

# the 36-byte wrapper of a password-protected file (as GNU PSPP recognises it: ENCRYPTEDSAV at
# byte 8), followed by bytes that stand for the ciphertext
rng = random.Random(16)
wrapper = b"\x1c\x00\x00\x00\x00\x00\x00\x00ENCRYPTEDSAV" + bytes(16)
write("sav_encrypted.sav", wrapper + bytes(rng.randrange(256) for _ in range(512)))

# a .zsav whose one zlib block expands to 20 MiB of bytecode padding (20 KB on disk)
zsav = read("alliance.zsav")
zend, _ = dictionary_end(zsav)
block = zlib.compress(bytes(20 << 20), 9)
trailer_at = zend + 24 + len(block)
header = struct.pack("<3q", zend, trailer_at, 48)
trailer = struct.pack("<qqii", -100, 0, 0x3FF000, 1) + struct.pack("<qqii", zend, zend + 24, 20 << 20, len(block))
write("zsav_bomb.zsav", zsav[:zend] + header + block + trailer)

# a .zsav whose zlib block is damaged in the middle
damaged = read("alliance.zsav")
mid = zend + 24 + 20
damaged[mid:mid + 8] = b"\xff" * 8
write("zsav_damaged_block.zsav", damaged)
