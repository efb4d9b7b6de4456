import Logging
import NashraCLI

// Only the executable bootstraps logging; libraries take a Logger.
LoggingSystem.bootstrap { label in
    var handler = StreamLogHandler.standardError(label: label)
    handler.logLevel = .warning
    return handler
}
await NashraCommand.runFromCommandLine()
