/// An arrival or departure of one record.
struct FlowTransition: Sendable, Hashable {
    enum Kind: UInt8, Sendable, Hashable {
        /// The record is opened (it arrives for the first time).
        case created
        /// A resolved record is reopened (it arrives again).
        case reopened
        /// An open record is resolved (it departs).
        case resolved
    }

    var time: Int64
    var kind: Kind
}
