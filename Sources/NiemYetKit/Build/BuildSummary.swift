import Foundation

/// The one line a build prints at the end, in the editors' language.
public enum BuildSummary {
    public static func line(_ result: BuildResult, verb: String) -> String {
        let errors = result.diagnostics.filter { $0.severity == .error }.count
        let warnings = result.diagnostics.count - errors
        let time = String(format: "%.2f", result.seconds)
        if errors > 0 {
            return "niemyet: \(errors) error(s), \(warnings) warning(s); nothing was written (\(time) s)"
        }
        if verb == "checked" {
            return "niemyet: checked, no errors, \(warnings) warning(s) (\(time) s)"
        }
        return "niemyet: \(result.pages) pages, \(result.files) files written, \(warnings) warning(s) in \(time) s"
    }
}
