#ifndef THUIS_CLIBXML2_SHIM_H
#define THUIS_CLIBXML2_SHIM_H

#include <stddef.h>

/* glibc's memrchr, declared here rather than through _GNU_SOURCE: that macro would change the
   system headers inside this module and clash with other modules' view of them. */
extern void *memrchr(const void *s, int c, size_t n);

/* Thuis never uses libxml2's ICU converters; leaving them out keeps the system ICU headers
   away from Foundation's own copy of ICU (two definitions of UErrorCode otherwise). */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <libxml/dict.h>

/* Swift cannot read the macro XML_SAX2_MAGIC. */
static inline unsigned int thuis_sax2_magic(void) { return XML_SAX2_MAGIC; }

/* The current position of the parser, for locating records. */
static inline int thuis_parser_line(xmlParserCtxtPtr ctxt) {
    return (ctxt && ctxt->input) ? ctxt->input->line : 0;
}
static inline int thuis_parser_column(xmlParserCtxtPtr ctxt) {
    return (ctxt && ctxt->input) ? ctxt->input->col : 0;
}
/* The encoding the document declared (NULL when none), for the summary. */
static inline const xmlChar *thuis_parser_encoding(xmlParserCtxtPtr ctxt) {
    if (!ctxt) return 0;
    if (ctxt->encoding) return ctxt->encoding;
    return ctxt->input ? ctxt->input->encoding : 0;
}

/* libxml2 reports some failures (an encoder error in a declared encoding) only through its
   generic error function, which prints to stderr. Thuis reports every failure itself, located:
   silence the printing on the calling thread (the setting is per thread). */
static void thuis_ignore_generic_error(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static inline void thuis_silence_generic_errors(void) { xmlSetGenericErrorFunc(0, thuis_ignore_generic_error); }

/* The last byte `c` in [start, start + length), or NULL. */
static inline const xmlChar *thuis_last_byte(const xmlChar *start, int c, size_t length) {
    return (const xmlChar *)memrchr(start, c, length);
}

/* Gives a push parser a dictionary of its own over `shared`, which is only read from here on:
   the format's names, interned in `shared` before any parsing, then have one address in every
   parser, so parts of one file parsed on several threads replay as one stream. A lookup in the
   parser's dictionary tries `shared` before it adds a name. */
static inline int thuis_use_shared_dict(xmlParserCtxtPtr ctxt, xmlDictPtr shared) {
    xmlDictPtr own = xmlDictCreateSub(shared);
    if (!own) return -1;
    xmlDictFree(ctxt->dict);
    ctxt->dict = own;
    ctxt->str_xml = xmlDictLookup(own, BAD_CAST "xml", 3);
    ctxt->str_xmlns = xmlDictLookup(own, BAD_CAST "xmlns", 5);
    ctxt->str_xml_ns = xmlDictLookup(own, XML_XML_NAMESPACE, 36);
    return 0;
}

#endif
