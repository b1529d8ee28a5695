/* version.h -- the one place the version is written. */
#ifndef KH_VERSION_H
#define KH_VERSION_H
#define KH_VERSION "0.1.0"
#endif
