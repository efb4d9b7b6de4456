#ifndef NASHRA_CLIBXML2_SHIM_H
#define NASHRA_CLIBXML2_SHIM_H

// Debian's libxml2 headers pull in ICU, whose types clash with the ICU that
// Foundation carries ("'UErrorCode' has different definitions in different
// modules"). Swift never needs libxml2's ICU members, so hide them here.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlsave.h>
#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/xmlerror.h>
#include <libxml/entities.h>
#include <libxml/uri.h>

#endif
