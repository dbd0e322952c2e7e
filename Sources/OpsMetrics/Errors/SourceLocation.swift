/// Where in an input a problem was found.
///
/// Lines and columns are 1-based; the column counts bytes from the start of the line (as
/// compilers do), and `byteOffset` is 0-based from the start of the input (after nothing is
/// skipped: a byte order mark counts). `record` is the 1-based data record (the CSV header
/// is record 0), or 0 when the problem is not inside a record.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The input's name: its path as given, or `-` for standard input.
    public var path: String
    /// 1-based line number.
    public var line: Int
    /// 1-based byte column within the line.
    public var column: Int
    /// 0-based byte offset from the start of the input.
    public var byteOffset: Int
    /// 1-based data record number; 0 for the header or outside any record.
    public var record: Int

    public init(path: String, line: Int, column: Int, byteOffset: Int, record: Int) {
        self.path = path
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
        self.record = record
    }

    /// `path:line:column`, the form editors and compilers understand.
    public var description: String { "\(path):\(line):\(column)" }
}
