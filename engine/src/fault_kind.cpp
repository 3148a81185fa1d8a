#include "wstudio/engine/fault_report.hpp"

namespace wstudio::engine {

const char* faultKindName(FaultKind kind) {
  switch (kind) {
    case FaultKind::Trap: return "trap";
    case FaultKind::Runaway: return "runaway";
    case FaultKind::NonFinite: return "non-finite output";
    case FaultKind::Failed: return "failed";
    case FaultKind::OverBudget: return "over time budget";
  }
  return "unknown";
}

}  // namespace wstudio::engine
