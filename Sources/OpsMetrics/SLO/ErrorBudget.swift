/// The error budget of an availability objective for one service, from the uptime engine's
/// downtime (``ReliabilityReport``, maintenance excluded). See <doc:ErrorBudgets>.
///
/// - `budget = (1 − objective) × eligible` (seconds of downtime allowed; `1 − objective` taken to
///   12 decimal places, so 99.9 % allows exactly 0.1 %);
/// - `consumed = downtime` (seconds);
/// - `remaining = 1 − consumed / budget`, a fraction, **not clamped**: negative once overspent;
///   `nil` when the budget is 0 (no eligible time, or an objective of 100 %);
/// - burn rate over a window *w* before the as-of time: `(downtime_w / eligible_w) / (1 − objective)`,
///   1 meaning the budget would be used up exactly at the end of the period;
/// - time left at the current burn rate (the 1 h window): `(budget − consumed) / (rate₁ₕ × (1 − objective))`,
///   0 when the budget is already spent, `nil` when nothing burns.
public struct ErrorBudget: Sendable, Hashable {
    /// The service (`(all services)` for the report's total row).
    public var service: String
    /// The availability objective as a fraction (0.999 for 99.9 %).
    public var objective: Double
    /// The budget's window (the report window, or the rolling window ending at the as-of time).
    public var window: Interval
    /// Eligible time in the window, in seconds (maintenance excluded).
    public var eligibleSeconds: Double
    /// Downtime allowed, in seconds.
    public var budgetSeconds: Double
    /// Downtime in the window, in seconds.
    public var consumedSeconds: Double
    /// `1 − consumed / budget`; negative when overspent; `nil` with no budget.
    public var remaining: Double?
    /// Burn rates over the windows before the as-of time, shortest first (1 h, 6 h, 3 d).
    public var burnRates: [BurnRate]
    /// Seconds until the budget is spent at the 1 h burn rate; 0 when spent, `nil` when not burning.
    public var timeLeftSeconds: Double?
}

/// How fast a budget burns over one window before the as-of time.
public struct BurnRate: Sendable, Hashable {
    /// The window's length, in seconds.
    public var windowSeconds: Int64
    /// `(downtime / eligible) / (1 − objective)` in the window; `nil` with no eligible time or no budget.
    public var rate: Double?
}
