#pragma once
// Runs independent pieces of work on the machine's cores. Callers give each
// piece its own output slot and combine the slots in index order, so results
// never depend on how the work was scheduled.
#include <cstddef>
#include <functional>

namespace ivcapgen::support {

// Worker threads to use: IVCAPGEN_JOBS when set (1 runs everything on the
// calling thread), else the number of cores, at most 8.
size_t worker_count();

// Calls fn(worker, i) for every i in [0, n), on up to worker_count()
// threads; `worker` (< worker_count()) lets callers keep per-thread state.
// Pieces are handed out in index order. The first exception thrown by fn is
// rethrown here after every thread has stopped.
void parallel_for(size_t n, const std::function<void(size_t worker, size_t i)>& fn);

}  // namespace ivcapgen::support
