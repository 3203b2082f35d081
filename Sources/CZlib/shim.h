#ifndef THUIS_CZLIB_SHIM_H
#define THUIS_CZLIB_SHIM_H
#include <zlib.h>

/* inflateInit2 is a macro; Swift needs a function. 16 + MAX_WBITS: gzip framing. */
static inline int thuis_inflate_init_gzip(z_streamp strm) {
    return inflateInit2(strm, 16 + MAX_WBITS);
}
#endif
