/// A record the flow uses with a caveat.
enum FlowIssue: UInt8, Sendable, Hashable {
    case resolvedBeforeOpened, backwardStageMove

    var identifier: String {
        switch self {
        case .resolvedBeforeOpened: "resolved_before_opened"
        case .backwardStageMove: "backward_stage_move"
        }
    }

    var effect: String {
        switch self {
        case .resolvedBeforeOpened: "its resolution counts at its opened time; left out of lead time"
        case .backwardStageMove: "moved back to an earlier stage; the diagram keeps the furthest stage reached"
        }
    }
}
