import ArgumentParser
import FakeProviders
import Foundation

/// Writes a wrk Lua script that POSTs `count` distinct, freshly signed Stripe events, each sent once.
///
/// The requests are written out whole (one file per wrk thread, each its share of the events) and the script
/// only slices the next one per call. wrk runs each thread's `init` on its main thread, one after the other,
/// while already-started threads send load that its clock does not count yet; loading and formatting
/// hundreds of thousands of events there took seconds and inflated the measured rate.
struct WrkScript: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "wrk-script", abstract: "Generate a wrk script of pre-signed distinct Stripe events.")

    @Option var count = 200_000
    @Option var secret = "whsec_bench_secret"
    @Option var output = "/tmp/relay-wrk.lua"
    @Option(help: "wrk threads (-t) the script is run with: each thread sends its own share of the events.")
    var threads = 2
    @Option(help: "The Host header of the requests (the server's host:port).")
    var host = "127.0.0.1"

    func run() async throws {
        let timestamp = Int64(Date().timeIntervalSince1970)
        let threads = max(1, threads)
        var files = [String](repeating: "", count: threads)
        for index in files.indices { files[index].reserveCapacity(count / threads * 1_000) }
        for i in 0..<count {
            let body = #"{"id":"evt_wrk_\#(i)_\#(timestamp)","object":"event","type":"invoice.payment_failed","created":\#(timestamp),"api_version":"2024-06-20","data":{"object":{"id":"in_wrk_\#(i % 10_000)","object":"invoice","number":"INV-\#(i)","customer":"cus_\#(i % 10_000)","customer_email":"c\#(i % 10_000)@example.com","currency":"usd","amount_due":12500,"amount_paid":0,"amount_remaining":12500,"status":"open","attempt_count":1,"due_date":\#(timestamp + 86_400)}}}"#
            let signature = StripeWebhookSigner.signatureHeader(payload: Array(body.utf8), secret: secret, timestamp: timestamp)
            // NUL ends each request: it cannot occur in one.
            files[i % threads] += "POST /webhooks/stripe HTTP/1.1\r\nHost: \(host)\r\nContent-Type: application/json\r\n"
                + "Stripe-Signature: \(signature)\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)\0"
        }
        for (index, file) in files.enumerated() {
            try file.write(toFile: "\(output).\(index + 1)", atomically: true, encoding: .utf8)
        }
        // Thread n reads file n; past its last request it starts over (events then repeat as duplicates).
        let lua = """
            local thread_count = 0
            function setup(thread)
              thread_count = thread_count + 1
              thread:set("tid", thread_count)
            end
            function init(args)
              local file = assert(io.open("\(output)." .. tid, "rb"))
              data = file:read("*a")
              file:close()
              pos = 1
            end
            request = function()
              local stop = string.find(data, "\\0", pos, true)
              if not stop then
                pos = 1
                stop = string.find(data, "\\0", pos, true)
              end
              local request = string.sub(data, pos, stop - 1)
              pos = stop + 1
              return request
            end

            """
        try lua.write(toFile: output, atomically: true, encoding: .utf8)
        print("wrote \(count) signed events (t=\(timestamp)) to \(output).1…\(threads) and the script to \(output)")
    }
}
