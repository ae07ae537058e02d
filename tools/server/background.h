// Background work in the server: what runs beside the requests (loading a reloaded graph,
// building its landmark tables, freeing the graph it replaced) runs on its own threads at a
// lower CPU priority than the threads answering requests.
//
// Linux keeps a nice value per thread, and a thread inherits its creator's: the threads a
// loader starts (the snapshot decoder's second thread, Build's) run at the lowered priority
// too. An unprivileged thread cannot raise its priority again, so work is lowered on a
// thread of its own, never on a caller's.
#pragma once

namespace careergraph::server {

// Loading and building a reloaded graph: below the request threads (0), so a busy server
// keeps answering at nearly its usual speed, yet not so far below that a reload under
// load takes many times its idle time. CFS gives a nice-2 thread about two thirds of a
// nice-0 thread's share (nice 5: a third). Measured on two cores with 8 connections of
// route queries on the 1M graph: nice 5 reloaded in 2.7-5.7 s (half the reloads over 5 s),
// nice 2 in 2.1-3.8 s, the slowest request of the window 51-68 ms either way (63-64 ms in
// the same window without a reload).
inline constexpr int kReloadNice = 2;
// Landmark tables and freeing a replaced graph: nobody waits for them.
inline constexpr int kBackgroundNice = 10;

// Sets the calling thread's nice value. Advisory: where the system refuses, the work runs at
// the usual priority.
void LowerThisThreadPriority(int nice);

}  // namespace careergraph::server
