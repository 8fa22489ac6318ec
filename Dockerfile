# bulletin in a container, for CI: `docker run --rm -v "$PWD:/site" IMAGE`
# builds the site in the current folder into ./public. Static binary,
# distroless base, non-root user.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o /out/bulletin ./cmd/bulletin

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/bulletin /usr/local/bin/bulletin
WORKDIR /site
ENTRYPOINT ["/usr/local/bin/bulletin"]
CMD ["build"]
