#!/bin/sh
# Regenerate Fixtures/schema/atom.rng from the RFC 4287 Appendix B compact schema.
set -eu
cd "$(dirname "$0")/../Fixtures/schema"
trang -I rnc -O rng atom.rnc atom.rng
