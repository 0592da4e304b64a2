import InvoiceDomain
import Testing

@Suite("SeededGenerator")
struct SeededGeneratorTests {
    @Test("matches the SplitMix64 reference output for seed 0")
    func referenceVector() {
        var rng = SeededGenerator(seed: 0)
        #expect([rng.next(), rng.next(), rng.next()] as [UInt64] == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
    }

    @Test("uniform enough for jitter: doubles fill [0, 1) evenly")
    func spread() {
        var rng = SeededGenerator(seed: 99)
        var buckets = [Int](repeating: 0, count: 10)
        for _ in 0..<10_000 {
            buckets[min(Int(Double.random(in: 0..<1, using: &rng) * 10), 9)] += 1
        }
        #expect(buckets.allSatisfy { (850...1150).contains($0) }, "\(buckets)")
    }
}
