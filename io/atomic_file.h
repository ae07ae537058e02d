// Files are written atomically: to a temporary file in the same directory, flushed, then
// renamed over the target, so a failure never leaves a half-written output behind.
//
// Only a regular file is ever replaced: a target that is a symbolic link, a directory, a
// device node, a FIFO or a socket is refused (IO_ERROR naming it) before anything is
// written, so `-o /dev/sda` or `-o link` cannot swap a system file for a regular one. (The
// check and the rename are not one atomic step; a target swapped in between is replaced.)
// On any failure the temporary file is removed. So is it when SIGINT, SIGTERM, SIGHUP or
// SIGQUIT ends the process mid-write (handlers are installed for the signals still at their
// default action; a program's own handlers are left alone). A write killed by SIGKILL leaves
// its temporary file (".NAME.tmp-PID-XXXXXX"); the next write to NAME removes it once that
// process is gone.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "engine/status.h"

namespace careergraph::io {

// `verify`, when given, is called with the path of the complete, flushed temporary file
// before the rename; an error from it is returned and the target is left untouched (build
// reads its snapshot back this way, so it never installs a file it cannot load).
Status WriteFileAtomic(const std::string& path, std::string_view bytes,
                       const std::function<Status(const std::string& written)>& verify = {});
StatusOr<std::string> ReadFile(const std::string& path);

}  // namespace careergraph::io
