#include "tools/server/background.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace careergraph::server {

void LowerThisThreadPriority(int nice) {
  (void)setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), nice);
}

}  // namespace careergraph::server
