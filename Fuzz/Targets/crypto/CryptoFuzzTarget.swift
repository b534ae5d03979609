import CryptoPrimitives
import Essentials

/// Fuzz target `crypto`: strict Base64/Base64URL decoding (RFC 4648 §4-§5), compact JWS
/// verification (RFC 7515 §5.2) and JWK import (RFC 7517, RFC 7518 §6) on arbitrary text.
///
/// Checks: no crash, hang or leak; decoding is canonical (re-encoding what decoded gives the
/// input back, up to padding); `JWS.verify` never accepts anything but a token signed by the
/// fixed keys below (whose seeds live in Fuzz/corpus/crypto), and what it accepts verifies
/// again identically; a JWK that imports re-imports from its own `publicJWK()` with the same
/// thumbprint.
/// Builds the fixed keys before the first input, so libFuzzer's per-input leak check does not
/// count these process-lifetime objects.
@_cdecl("LLVMFuzzerInitialize")
public func cryptoFuzzInitialize(_ argc: UnsafeMutablePointer<Int32>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> Int32 {
    _ = CryptoFuzzKeys.verifyingKeys
    _ = CryptoFuzzKeys.ownKey
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func cryptoFuzzTarget(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = FuzzCheck.bytes(data, size)
    let text = String(decoding: input, as: UTF8.self)

    if let decoded = Base64URL.decode(text) {
        FuzzCheck.expect(CryptoFuzzKeys.unpadded(Base64URL.encode(decoded)) == CryptoFuzzKeys.unpadded(text),
                         "Base64URL accepted a non-canonical encoding: \(FuzzCheck.hex(input))")
    }
    if let decoded = Base64.decode(text) {
        FuzzCheck.expect(CryptoFuzzKeys.unpadded(Base64.encode(decoded)) == CryptoFuzzKeys.unpadded(text),
                         "Base64 accepted a non-canonical encoding: \(FuzzCheck.hex(input))")
    }

    for key in CryptoFuzzKeys.verifyingKeys {
        if case .success(let verified) = JWS.verify(text, key: key) {
            FuzzCheck.expect(verified.header["alg"]?.stringValue == key.algorithm.rawValue,
                             "accepted a token whose alg is not the key's: \(FuzzCheck.hex(input))")
            guard case .success(let again) = JWS.verify(text, key: key), again.payload == verified.payload else {
                FuzzCheck.fail("verification is not repeatable: \(FuzzCheck.hex(input))")
            }
        }
    }
    if case .success = JWS.verify(text, keys: [CryptoFuzzKeys.ownKey]) {
        FuzzCheck.fail("a token signed by a key generated at start-up was forged: \(FuzzCheck.hex(input))")
    }

    if let jwk = try? JSONParser.parse(input), let key = try? VerifyingKey(jwk: jwk) {
        let exported = key.publicJWK()
        do {
            let reimported = try VerifyingKey(jwk: exported)
            FuzzCheck.expect(reimported.thumbprint == key.thumbprint && reimported.algorithm == key.algorithm,
                             "publicJWK() of \(jwk) re-imports as a different key")
        } catch {
            FuzzCheck.fail("publicJWK() \(exported) of an accepted JWK is refused: \(error)")
        }
        _ = JWS.verify(CryptoFuzzKeys.rs256Token, key: key)
    }
    return 0
}

/// Public halves of throwaway keys (the private halves were discarded after signing the
/// corpus seeds), so valid tokens can reach the code after the signature check.
enum CryptoFuzzKeys {
    static let rsaJWK = #"{"kty":"RSA","n":"5L-pn-UcQPBfOsROrHIISkq2VLcW6-jar5ptnZXEHbNMlZF0xJ23cij-Of1SxCOlHFHQG36IHdF1SO4GOxITKIXu56aYJD0DGRm6uzkGUK75p33cwBTtTXIv8F3KMuQ0O42_25Ciqz5a17pX2QD-aiFJM_sQSOnNDVYnvHNzeBPOxqd2GKUtNjCvBvgTLM_bXB7DeK9MNMyO2Mg3jdzdNKuZQKa8XPCkGzWXy6URutkjMsjKoLGo1TguZr2LhcEfCvIO9frbOyTJiJSxjmfOnodjwk_aBy2kq41QQW1ebR6lmxTlZ3Sc0omsdtnPi2px1c2k6QMfuUvm9tuqzh75SQ","e":"AQAB","kid":"fuzz-rsa","alg":"RS256","use":"sig"}"#
    static let ecJWK = #"{"kty":"EC","crv":"P-256","x":"Qz7kI-iney7N0Ns23bBNrONVeernJ-kw5ghYHgFcPp8","y":"3dwqmNjy2dcgKiTcTM61XusNiSgxsqEhrmBBLJKHMUY","kid":"fuzz-ec"}"#
    /// A valid RS256 token for `rsaJWK`, also a seed in Fuzz/corpus/crypto.
    static let rs256Token = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImZ1enotcnNhIiwidHlwIjoiYXQrand0In0.eyJpc3MiOiJodHRwczovL21jcC5nb25nLmlvIiwic3ViIjoidXNlci0xIiwiYXVkIjoiaHR0cHM6Ly9tY3AuZ29uZy5pby9tY3AiLCJleHAiOjE4OTM0NTYwMDAsInNjb3BlIjoiY2FsbHM6cmVhZCJ9.TgxKkogvDZ151UJUeJ1Gn8vFVsmdHV_LCmxrP6rMj7BuUW7Q1A_3dHy7_oYNfO-E7ZzomWS4PrfWfJYX3mDOB4hbj5ajalpbOJ44MI0AHcBdRS66UeMrv4aHvt_GTr_DtH8XgoeWrG8tX_Wo_9Tfo4LKeukJHC3nQH8YrKYtk-c5hHIbE1eiiXISTbwKsDzyGdQHXCIuEmpKyCuG3HBxYgtv_Rv71SBRue_dt9gLI2CTVuYoorMr1ZnJOqm90hUP7z-7_tAvBzov9IVFWvH8RoQ8rvoMJYqNFdVWLUn5oZfzcXp2ykai548qZIUEt9rhNGTFZD-3Hiz0o8aZ_7WK_A"

    static let verifyingKeys: [VerifyingKey] = [rsaJWK, ecJWK].map(importFixedFuzzKey)

    /// Named so Fuzz/lsan.supp can match it: these keys live for the whole process, but the
    /// arrays inside them are referenced through Swift enum payloads whose spare pointer bits
    /// hold the case tag, which LeakSanitizer cannot follow, so at exit it reports them leaked.
    static func importFixedFuzzKey(_ text: String) -> VerifyingKey {
        do {
            return try VerifyingKey(jwk: JSONParser.parse(text))
        } catch {
            FuzzCheck.fail("fixed fuzz key does not import: \(error)")
        }
    }

    static let ownKey: SigningKey = {
        do {
            return try SigningKey.generate(.es256)
        } catch {
            FuzzCheck.fail("cannot generate an ES256 key: \(error)")
        }
    }()

    static func unpadded(_ text: String) -> Substring {
        var end = text.endIndex
        while end > text.startIndex, text[text.index(before: end)] == "=" { end = text.index(before: end) }
        return text[..<end]
    }
}
