#!/usr/bin/env python3
"""Where the dark "ink" is in a band of rows of a PNG screenshot.

Usage: png_ink.py FILE TOP BOTTOM
Prints JSON: {"width", "height", "left", "right", "pixels"} for the pixels in
rows TOP..BOTTOM (exclusive) whose red, green and blue are all below 90 (text,
not the page's colored rules or white background). left/right are null when
there is no ink. Standard library only: a screenshot test must not need Pillow.
"""
import json
import struct
import sys
import zlib


def read_png(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit("not a PNG")
    pos, idat, width, height, depth, color = 8, b"", 0, 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
            if depth != 8 or color not in (2, 6) or interlace != 0:
                raise SystemExit("only 8-bit RGB/RGBA, non-interlaced PNGs")
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    channels = 4 if color == 6 else 3
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous, offset = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[offset], bytearray(raw[offset + 1:offset + 1 + stride])
        offset += 1 + stride
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            upper_left = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - upper_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - upper_left)
                predictor = left if pa <= pb and pa <= pc else (up if pb <= pc else upper_left)
                line[i] = (line[i] + predictor) & 0xFF
        rows.append(line)
        previous = line
    return width, height, channels, rows


def main():
    path, top, bottom = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    width, height, channels, rows = read_png(path)
    left, right, count = None, None, 0
    for y in range(max(0, top), min(bottom, height)):
        line = rows[y]
        for x in range(width):
            r, g, b = line[x * channels], line[x * channels + 1], line[x * channels + 2]
            if r < 90 and g < 90 and b < 90:
                count += 1
                left = x if left is None else min(left, x)
                right = x if right is None else max(right, x)
    print(json.dumps({"width": width, "height": height, "left": left, "right": right, "pixels": count}))


main()
