import ArgumentParser
import FakeProviders
import Foundation

/// Writes a wrk Lua script that POSTs `count` distinct, freshly signed Stripe events round-robin.
struct WrkScript: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "wrk-script", abstract: "Generate a wrk script of pre-signed distinct Stripe events.")

    @Option var count = 200_000
    @Option var secret = "whsec_bench_secret"
    @Option var output = "/tmp/relay-wrk.lua"
    @Option(help: "wrk threads (-t) the script is run with: each thread sends every n-th event, so none is sent twice.")
    var threads = 2

    func run() async throws {
        let timestamp = Int64(Date().timeIntervalSince1970)
        // Events go to a data file (Lua caps a chunk at 65,536 constants); the script loads it per thread.
        let dataPath = output + ".tsv"
        var data = ""
        data.reserveCapacity(count * 600)
        for i in 0..<count {
            let body = #"{"id":"evt_wrk_\#(i)_\#(timestamp)","object":"event","type":"invoice.payment_failed","created":\#(timestamp),"api_version":"2024-06-20","data":{"object":{"id":"in_wrk_\#(i % 10_000)","object":"invoice","number":"INV-\#(i)","customer":"cus_\#(i % 10_000)","customer_email":"c\#(i % 10_000)@example.com","currency":"usd","amount_due":12500,"amount_paid":0,"amount_remaining":12500,"status":"open","attempt_count":1,"due_date":\#(timestamp + 86_400)}}}"#
            let header = StripeWebhookSigner.signatureHeader(payload: Array(body.utf8), secret: secret, timestamp: timestamp)
            data += header + "\t" + body + "\n"
        }
        try data.write(toFile: dataPath, atomically: true, encoding: .utf8)
        // Each wrk thread walks its own stride of the events so no two threads send the same one.
        let lua = """
            local thread_count = 0
            function setup(thread)
              thread:set("tid", thread_count)
              thread_count = thread_count + 1
            end
            function init(args)
              requests = {}
              for line in io.lines("\(dataPath)") do
                local tab = string.find(line, "\\t", 1, true)
                requests[#requests + 1] = wrk.format("POST", "/webhooks/stripe",
                  {["Content-Type"] = "application/json", ["Stripe-Signature"] = string.sub(line, 1, tab - 1)}, string.sub(line, tab + 1))
              end
              step = \(max(1, threads))
              counter = tid + 1 - step
            end
            request = function()
              counter = counter + step
              if counter > #requests then counter = tid + 1 end
              return requests[counter]
            end

            """
        try lua.write(toFile: output, atomically: true, encoding: .utf8)
        print("wrote \(count) signed events (t=\(timestamp)) to \(dataPath) and the script to \(output)")
    }
}
