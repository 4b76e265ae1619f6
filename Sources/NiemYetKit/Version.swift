public enum NiemYet { public static let version = "0.1.0" }
