#ifndef GONG_MOCK_CSHIMS_SYSTEM_H
#define GONG_MOCK_CSHIMS_SYSTEM_H
// GNU extensions the Glibc module hides (they need _GNU_SOURCE).
#include <pthread.h>
#include <sys/socket.h>

/// Names the calling thread (at most 15 characters are kept), for `top -H` and debuggers.
void CShims_set_current_thread_name(const char *name);
/// accept4 (GNU): accepts with SOCK_NONBLOCK | SOCK_CLOEXEC set atomically, saving two fcntl calls.
int CShims_accept4(int fd, struct sockaddr *address, socklen_t *length, int flags);
/// malloc_trim(0) (glibc <malloc.h>): returns whole free pages of every malloc arena to the system.
int CShims_malloc_trim(void);
/// Bytes in use by malloc (glibc mallinfo2's uordblks + hblkhd), for memory accounting checks.
size_t CShims_malloc_in_use(void);
#endif
