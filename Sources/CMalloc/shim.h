#ifndef THUIS_CMALLOC_SHIM_H
#define THUIS_CMALLOC_SHIM_H

/* glibc's malloc_trim, which Swift's Glibc module leaves out: it gives the memory an arena holds
   free back to the system. */
#include <malloc.h>

#endif
